using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace Mail.Protocols.Imap;

/// <summary>
/// The searchable text of a message for TEXT and BODY (RFC 3501 6.4.4), and any header's
/// decoded values for HEADER: what an <see cref="ISearchableMessage"/> computes on demand.
/// Text parts are decoded (transfer encoding and charset) by MimeKit, including those of
/// embedded messages; non-text parts are not searched. Never throws on a broken message.
/// </summary>
public static class MessageText
{
    public static string Extract(Stream message, bool headersToo)
    {
        var mime = Parse(message);
        if (mime is null)
            return ReadRaw(message);
        var text = new StringBuilder();
        if (headersToo)
            AppendHeaders(text, mime.Headers);
        foreach (var entity in mime.BodyParts)
            AppendEntity(text, entity);
        return text.ToString();
    }

    /// All values of <paramref name="field"/>, decoded and unfolded, joined with ", "; null when absent.
    public static string? Header(Stream message, string field)
    {
        try
        {
            var parser = new MimeParser(message, MimeFormat.Entity);
            return RawHeader.Decoded(parser.ParseHeaders(), field);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void AppendEntity(StringBuilder text, MimeEntity entity)
    {
        if (entity is TextPart part)
        {
            text.Append(part.Text).Append('\n');
        }
        else if (entity is MessagePart { Message: { } inner })
        {
            // An attached message's header is part of the outer message's body text.
            AppendHeaders(text, inner.Headers);
            foreach (var nested in inner.BodyParts)
                AppendEntity(text, nested);
        }
    }

    private static void AppendHeaders(StringBuilder text, HeaderList headers)
    {
        foreach (var header in headers)
            text.Append(header.Field).Append(": ").Append(Rfc2047.DecodeText(RawHeader.Unfold(header.RawValue))).Append('\n');
    }

    private static MimeMessage? Parse(Stream message)
    {
        try
        {
            return new MimeParser(message, MimeFormat.Entity).ParseMessage();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string ReadRaw(Stream message)
    {
        if (message.CanSeek)
            message.Position = 0;
        using var reader = new StreamReader(message, Encoding.UTF8, leaveOpen: true);
        return reader.ReadToEnd();
    }
}
