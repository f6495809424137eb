using Mail.Protocols.Smtp;
using MimeKit;

namespace Mail.Actors.Bounces;

// The third part of a DSN: the returned message (RFC 3464 2, RFC 3462 3). RET=FULL returns the
// whole message as stored while it fits bounce_size_limit; anything else returns only its header
// block, as Postfix does. Reading stops after limit + 1 bytes (or the end of the headers), so a
// 50 MB original is never loaded to bounce its headers.
internal static class DsnOriginal
{
    // No header block is this large (the SMTP server caps it well below); a stream without a
    // blank line within this many bytes is returned up to its last complete line.
    const int MaxHeaderBlock = 1 << 20;

    public static MimeEntity Part(Stream original, DsnReturn? ret, long bounceSizeLimit, string description)
    {
        var limit = (int)Math.Min(bounceSizeLimit, Array.MaxLength - 1);
        var head = ReadAtMost(original, ret == DsnReturn.Full ? limit + 1 : 0);

        if (ret == DsnReturn.Full && head.Length <= limit)
        {
            // MimeKit keeps parsed headers and undecoded bodies raw, so this writes back the stored bytes.
            using var stream = new MemoryStream(head, writable: false);
            var message = MimeMessage.Load(stream);
            var part = new MessagePart("rfc822") { Message = message };
            part.Headers.Add(HeaderId.ContentDescription, description);
            if (head.Any(b => b > 0x7f))
                part.Headers.Add(HeaderId.ContentTransferEncoding, "8bit"); // RFC 2046 5.2.1: 7bit, 8bit or binary only
            return part;
        }

        var headers = HeaderBlock(head, original);
        return new MimePart("text", "rfc822-headers")
        {
            Content = new MimeContent(new MemoryStream(headers, writable: false)),
            ContentTransferEncoding = headers.Any(b => b > 0x7f) ? ContentEncoding.EightBit : ContentEncoding.SevenBit,
            ContentDescription = description + " Headers",
        };
    }

    static byte[] ReadAtMost(Stream stream, int count)
    {
        var buffer = new byte[count];
        var read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return read == count ? buffer : buffer[..read];
    }

    // The header lines with their line ends, without the blank line that ends them.
    static byte[] HeaderBlock(byte[] head, Stream rest)
    {
        var bytes = new List<byte>(head);
        var scanned = 0;
        var chunk = new byte[8192];
        while (true)
        {
            var end = EndOfHeaders(bytes, scanned);
            if (end >= 0)
                return [.. bytes.Take(end)];

            scanned = Math.Max(0, bytes.Count - 2);
            if (bytes.Count >= MaxHeaderBlock)
                return [.. bytes.Take(bytes.LastIndexOf((byte)'\n') + 1)];
            var read = rest.Read(chunk);
            if (read == 0)
                return [.. bytes]; // a message without a body is all header block
            bytes.AddRange(chunk.AsSpan(0, read));
        }
    }

    static int EndOfHeaders(List<byte> bytes, int from)
    {
        if (from == 0 && bytes.Count > 0 && (bytes[0] == '\n' || (bytes.Count > 1 && bytes[0] == '\r' && bytes[1] == '\n')))
            return 0;

        for (var i = from; i < bytes.Count - 1; i++)
        {
            if (bytes[i] != '\n')
                continue;
            if (bytes[i + 1] == '\n' || (bytes[i + 1] == '\r' && i + 2 < bytes.Count && bytes[i + 2] == '\n'))
                return i + 1;
        }

        return -1;
    }
}
