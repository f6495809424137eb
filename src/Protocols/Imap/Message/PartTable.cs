using MimeKit;

namespace Mail.Protocols.Imap;

/// <summary>
/// Numbers the parts the IMAP way (RFC 3501 6.4.5) and records where each lies: the children of
/// a multipart are n.1, n.2...; a message/rfc822 part's own parts continue its number; a
/// non-multipart body (of the message or of an embedded message) is part 1 of it.
/// </summary>
internal sealed class PartTable(EntitySpans spans)
{
    private readonly List<MessagePartLocation> parts = [];

    public static IReadOnlyList<MessagePartLocation> Collect(MimeMessage message, EntitySpans spans)
    {
        var table = new PartTable(spans);
        table.AddBody(message.Body, []);
        return table.parts;
    }

    private void AddBody(MimeEntity? body, int[] path)
    {
        if (body is Multipart multipart)
            AddChildren(multipart, path);
        else if (body is not null)
            Add(body, [.. path, 1]);
    }

    private void AddChildren(Multipart multipart, int[] path)
    {
        for (var i = 0; i < multipart.Count; i++)
            Add(multipart[i], [.. path, i + 1]);
    }

    private void Add(MimeEntity entity, int[] path)
    {
        var span = spans[entity];
        var embedded = EntitySpans.EmbeddedMessage(entity);
        var kind = entity is Multipart ? PartKind.Multipart : embedded is not null ? PartKind.Message : PartKind.Leaf;
        var messageBodyStart = embedded is null ? span.HeadersEnd : Math.Max(span.HeadersEnd, spans[embedded].HeadersEnd);
        var encoding = RawHeader.First(entity.Headers, "Content-Transfer-Encoding");
        parts.Add(new MessagePartLocation(
            path,
            kind,
            span.Begin,
            span.HeadersEnd,
            Math.Max(span.HeadersEnd, span.End),
            messageBodyStart,
            entity.ContentType.MimeType.ToLowerInvariant(),
            entity.ContentType.Charset,
            encoding is null || encoding.Length == 0 ? "7bit" : System.Text.Encoding.ASCII.GetString(encoding).ToLowerInvariant()));
        if (entity is Multipart multipart)
            AddChildren(multipart, path);
        else if (embedded is not null)
            AddBody(embedded.Body, path);
    }
}
