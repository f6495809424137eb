using System.Text;

namespace Mail.Protocols.Pop3;

/// <summary>
/// Builds POP3 replies as wire bytes (UTF-8, which is ASCII for everything the server itself
/// says). Every builder refuses CR and LF in its text: a reply text that embeds a line break
/// would let whatever produced the text (a user name echoed back, say) inject a second reply.
/// </summary>
public static class Pop3Reply
{
    private static readonly byte[] Terminator = ".\r\n"u8.ToArray();

    /// <summary>"+OK text\r\n", or "+OK\r\n" for empty text.</summary>
    public static byte[] Ok(string text) => Line("+OK", text);

    /// <summary>"-ERR [CODE] text\r\n"; the code is one of <see cref="Pop3ResponseCode"/> (RFC 2449 section 8).</summary>
    public static byte[] Err(string text, string? code = null)
    {
        if (code is null)
            return Line("-ERR", text);
        CheckText(code);
        return Line("-ERR", text.Length == 0 ? $"[{code}]" : $"[{code}] {text}");
    }

    /// <summary>"+ base64\r\n": a SASL server challenge (RFC 5034 section 4); empty challenge gives "+ \r\n".</summary>
    public static byte[] Continue(string base64Challenge)
    {
        CheckText(base64Challenge);
        return Encoding.UTF8.GetBytes($"+ {base64Challenge}\r\n");
    }

    /// <summary>
    /// A multi-line reply: "+OK firstLine\r\n", each line dot-stuffed and CRLF-terminated,
    /// then ".\r\n" (RFC 1939 section 3). Multi-line replies are always positive, so
    /// <paramref name="firstLine"/> is the text after "+OK".
    /// </summary>
    public static byte[] MultiLine(string firstLine, IEnumerable<string> lines)
    {
        var output = new MemoryStream();
        output.Write(Ok(firstLine));
        foreach (var line in lines)
        {
            CheckText(line);
            if (line.StartsWith('.'))
                output.WriteByte((byte)'.');
            output.Write(Encoding.UTF8.GetBytes(line));
            output.Write("\r\n"u8);
        }
        output.Write(Terminator);
        return output.ToArray();
    }

    /// <summary>The text of a reply without its CRLF, for logs and test messages.</summary>
    public static string ToText(ReadOnlySpan<byte> reply) => Encoding.UTF8.GetString(reply).TrimEnd('\r', '\n');

    private static byte[] Line(string status, string text)
    {
        CheckText(text);
        return Encoding.UTF8.GetBytes(text.Length == 0 ? $"{status}\r\n" : $"{status} {text}\r\n");
    }

    private static void CheckText(string text)
    {
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new ArgumentException("Reply text must not contain CR or LF.", nameof(text));
    }
}
