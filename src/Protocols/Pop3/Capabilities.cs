namespace Mail.Protocols.Pop3;

/// <summary>
/// What the CAPA reply announces (RFC 2449 section 5). The session builds one per connection
/// state: STLS only before TLS, USER and SASL only where logging in is allowed (e.g. not over
/// plain text when plain-text login is disabled). AUTHORIZATION and TRANSACTION announce the
/// same list (RFC 2449 section 5: "Capabilities available in the AUTHORIZATION state MUST be
/// announced in both states").
/// </summary>
public sealed record Capabilities
{
    /// <summary>Announce STLS (RFC 2595): TLS is available and not yet active.</summary>
    public bool Stls { get; init; }

    /// <summary>Announce USER (RFC 2449 6.2): USER/PASS login is allowed now.</summary>
    public bool User { get; init; }

    /// <summary>Mechanisms for "SASL ..." (RFC 2449 6.3, RFC 5034); empty omits the line.</summary>
    public IReadOnlyList<string> SaslMechanisms { get; init; } = [];

    /// <summary>
    /// The IMPLEMENTATION argument (RFC 2449 6.9); null omits it. Keep it generic: a version
    /// number here only helps whoever scans for vulnerable servers.
    /// </summary>
    public string? Implementation { get; init; } = "maild";

    /// <summary>The EXPIRE argument (RFC 2449 6.7): "NEVER", or days as text; null omits it.</summary>
    public string? Expire { get; init; }

    /// <summary>The capability lines, in a stable order.</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string> { "TOP", "UIDL" };
        if (User)
            lines.Add("USER");
        lines.Add("RESP-CODES");
        lines.Add("PIPELINING");
        lines.Add("AUTH-RESP-CODE");
        if (SaslMechanisms.Count > 0)
            lines.Add("SASL " + string.Join(' ', SaslMechanisms));
        if (Stls)
            lines.Add("STLS");
        if (Expire is not null)
            lines.Add("EXPIRE " + Expire);
        if (Implementation is not null)
            lines.Add("IMPLEMENTATION " + Implementation);
        return lines;
    }

    /// <summary>The complete multi-line CAPA reply.</summary>
    public byte[] ToReply() => Pop3Reply.MultiLine("Capability list follows", Lines());
}
