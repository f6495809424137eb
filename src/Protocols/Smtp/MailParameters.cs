namespace Mail.Protocols.Smtp;

/// <summary>BODY= of MAIL (RFC 6152 8BITMIME, RFC 3030 BINARYMIME).</summary>
public enum SmtpBodyType
{
    SevenBit,
    EightBitMime,
    BinaryMime,
}

/// <summary>RET= of MAIL (RFC 3461 4.3): what a DSN should return of the message.</summary>
public enum DsnReturn
{
    Full,
    Headers,
}

/// <summary>
/// The ESMTP parameters of MAIL FROM. A null member was not given; the parser accepts every
/// parameter it knows and leaves "was the extension advertised?" to the session.
/// </summary>
/// <param name="Size">SIZE= (RFC 1870); values beyond <see cref="long.MaxValue"/> are clamped to it, so they still read as "too big".</param>
/// <param name="EnvelopeId">ENVID= (RFC 3461 4.4), xtext-decoded.</param>
public sealed record MailParameters(
    long? Size = null,
    SmtpBodyType? Body = null,
    bool SmtpUtf8 = false,
    DsnReturn? Return = null,
    string? EnvelopeId = null)
{
    public static MailParameters None { get; } = new();
}

/// <summary>NOTIFY= of RCPT (RFC 3461 4.1). <see cref="Never"/> is never combined with the others.</summary>
[Flags]
public enum DsnNotify
{
    Never = 0,
    Success = 1,
    Failure = 2,
    Delay = 4,
}

/// <summary>ORCPT= of RCPT (RFC 3461 4.2): the address type (e.g. "rfc822", "utf-8") and the xtext-decoded address.</summary>
public sealed record OriginalRecipient(string AddressType, string Address);

/// <summary>The ESMTP parameters of RCPT TO; a null member was not given.</summary>
public sealed record RcptParameters(DsnNotify? Notify = null, OriginalRecipient? OriginalRecipient = null)
{
    public static RcptParameters None { get; } = new();
}
