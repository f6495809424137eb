namespace Mail.Protocols.Pop3;

/// <summary>What <see cref="Pop3Receiver"/> made of the bytes it was given.</summary>
public abstract record Pop3Input;

/// <summary>No complete line yet: keep the unconsumed bytes, append more, call again.</summary>
public sealed record NeedMoreData : Pop3Input
{
    public static readonly NeedMoreData Instance = new();

    private NeedMoreData() { }
}

/// <summary>A complete, well-formed command.</summary>
public sealed record CommandInput(IPop3Command Command) : Pop3Input;

/// <summary>A SASL client response line read with <see cref="Pop3Receiver.ReadSaslResponse"/>: base64 text, or "*" to cancel (RFC 5034 section 4).</summary>
public sealed record SaslResponseInput(string Response) : Pop3Input
{
    public override string ToString() => "SaslResponseInput { Response = *** }";
}

/// <summary>
/// A line that could not be used. <paramref name="Reply"/> is the complete "-ERR ...\r\n" line to
/// send; the session carries on (a command failure, not a protocol failure).
/// </summary>
public sealed record ErrorInput(byte[] Reply) : Pop3Input
{
    /// <summary>The reply without CRLF, e.g. "-ERR unknown command".</summary>
    public string Text => Pop3Reply.ToText(Reply);

    // Compare the bytes, not the array reference, so two parses of the same input are equal.
    public bool Equals(ErrorInput? other) => other is not null && Reply.AsSpan().SequenceEqual(other.Reply);

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"ErrorInput {{ {Text} }}";
}
