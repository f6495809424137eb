using MimeKit;
using MimeKit.Utils;

namespace Mail.Protocols.Imap;

/// <summary>
/// Builds a <see cref="MessageSummary"/> with one pass of a persistent MimeParser (offsets
/// without copying content). Any message gives a summary: when MimeKit cannot make sense of it
/// at all, the whole input is treated as a headerless text/plain body.
/// </summary>
internal static class MessageSummaryBuilder
{
    public static MessageSummary Build(ReadOnlyMemory<byte> message)
    {
        using var stream = new MemoryStream(message.ToArray(), writable: false);
        return Build(stream);
    }

    /// <param name="message">Read from its current position to its end; offsets count from that position.</param>
    public static MessageSummary Build(Stream message)
    {
        var stream = Seekable(message);
        try
        {
            return Parse(stream);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return Headerless(stream);
        }
        finally
        {
            if (!ReferenceEquals(stream, message))
                stream.Dispose();
        }
    }

    private static MessageSummary Parse(Stream stream)
    {
        var parser = new MimeParser(ParserOptions.Default, stream, MimeFormat.Entity, persistent: true);
        var spans = new EntitySpans(parser);
        var message = parser.ParseMessage();
        var headers = message.Headers;

        var envelope = new ImapWriter();
        EnvelopeRenderer.Write(envelope, headers);
        var body = new ImapWriter();
        new BodyStructureRenderer(spans, extensible: false).Write(body, message.Body);
        var bodyStructure = new ImapWriter();
        new BodyStructureRenderer(spans, extensible: true).Write(bodyStructure, message.Body);

        return new MessageSummary(
            stream.Length,
            Math.Min(spans[message].HeadersEnd, stream.Length),
            envelope.ToArray(),
            body.ToArray(),
            bodyStructure.ToArray(),
            PartTable.Collect(message, spans),
            SentDate(headers),
            RawHeader.Decoded(headers, "From"),
            RawHeader.Decoded(headers, "To"),
            RawHeader.Decoded(headers, "Cc"),
            RawHeader.Decoded(headers, "Bcc"),
            RawHeader.Decoded(headers, "Subject"),
            RawHeader.Decoded(headers, "Message-ID"));
    }

    private static DateTimeOffset? SentDate(HeaderList headers)
    {
        var raw = RawHeader.First(headers, "Date");
        return raw is not null && DateUtils.TryParse(raw, 0, raw.Length, out var date) ? date : null;
    }

    private static MessageSummary Headerless(Stream stream)
    {
        var size = stream.Length;
        var text = $"(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" {size} {CountLines(stream)}";
        return new MessageSummary(size, 0,
            System.Text.Encoding.ASCII.GetBytes(EnvelopeRenderer.Empty),
            System.Text.Encoding.ASCII.GetBytes(text + ")"),
            System.Text.Encoding.ASCII.GetBytes(text + " NIL NIL NIL NIL)"),
            [new MessagePartLocation([1], PartKind.Leaf, 0, 0, size, 0, "text/plain", null, "7bit")],
            null, null, null, null, null, null, null);
    }

    /// Lines as MimeKit counts them: each LF, plus a last line without one.
    private static long CountLines(Stream stream)
    {
        stream.Position = 0;
        long lines = 0;
        var last = -1;
        var buffer = new byte[8192];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            last = buffer[n - 1];
        }
        return last is -1 or '\n' ? lines : lines + 1;
    }

    private static Stream Seekable(Stream message)
    {
        if (message.CanSeek && message.Position == 0)
            return message;
        var copy = new MemoryStream();
        message.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
