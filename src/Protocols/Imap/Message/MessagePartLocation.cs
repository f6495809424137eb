namespace Mail.Protocols.Imap;

public enum PartKind : byte
{
    /// A single part with content (text, image, application...).
    Leaf = 0,
    Multipart = 1,
    /// message/rfc822 (or message/global): its body is a whole message with its own header.
    Message = 2,
}

/// <summary>
/// Where one IMAP body part lies in the raw message, as byte offsets from the message start.
/// <see cref="Path"/> is the IMAP part number ([1, 2] is "1.2"). The MIME header runs from
/// <see cref="HeaderStart"/> to <see cref="BodyStart"/> (blank line included), the content from
/// <see cref="BodyStart"/> to <see cref="End"/> (the CRLF before a boundary belongs to the
/// boundary, RFC 2046 5.1.1). For <see cref="PartKind.Message"/> the embedded message's header
/// ends at <see cref="MessageBodyStart"/>. In a single-part message, part 1 is the message body
/// and its MIME header is the message header (RFC 3501 6.4.5).
/// </summary>
public sealed record MessagePartLocation(
    int[] Path,
    PartKind Kind,
    long HeaderStart,
    long BodyStart,
    long End,
    long MessageBodyStart,
    string MimeType,
    string? Charset,
    string TransferEncoding)
{
    public bool IsText => MimeType.StartsWith("text/", StringComparison.Ordinal);

    public bool Is(IReadOnlyList<int> path) => Path.AsSpan().SequenceEqual(path is int[] a ? a : path.ToArray());
}
