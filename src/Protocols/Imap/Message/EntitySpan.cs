using MimeKit;

namespace Mail.Protocols.Imap;

/// <summary>Offsets of one parsed entity or message, from MimeParser's end events.</summary>
internal readonly record struct EntitySpan(long Begin, long HeadersEnd, long End, int Lines)
{
    public long Octets => Math.Max(0, End - HeadersEnd);
}

/// <summary>Collects <see cref="EntitySpan"/>s while a persistent MimeParser runs.</summary>
internal sealed class EntitySpans
{
    private readonly Dictionary<object, EntitySpan> spans = new(ReferenceEqualityComparer.Instance);

    public EntitySpans(MimeParser parser)
    {
        parser.MimeEntityEnd += (_, e) => spans[e.Entity] = new EntitySpan(e.BeginOffset, e.HeadersEndOffset, e.EndOffset, e.Lines);
        parser.MimeMessageEnd += (_, e) => spans[e.Message] = new EntitySpan(e.BeginOffset, e.HeadersEndOffset, e.EndOffset, 0);
    }

    public EntitySpan this[object entityOrMessage] => spans.GetValueOrDefault(entityOrMessage);

    /// <summary>
    /// message/rfc822 (and message/global, RFC 6532) get the nested envelope form; MimeKit also
    /// models text/rfc822-headers as a MessagePart, but IMAP calls that a text part.
    /// </summary>
    public static MimeMessage? EmbeddedMessage(MimeEntity entity) =>
        entity is MessagePart { Message: { } message } part
        && part.ContentType.MediaType.Equals("message", StringComparison.OrdinalIgnoreCase)
        && (part.ContentType.MediaSubtype.Equals("rfc822", StringComparison.OrdinalIgnoreCase)
            || part.ContentType.MediaSubtype.Equals("global", StringComparison.OrdinalIgnoreCase))
            ? message
            : null;
}
