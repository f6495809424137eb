using System.Text;

namespace Mail.Protocols.Imap;

/// <summary>
/// The string rules of RFC 3501 9: a quoted string carries only 7-bit text without CR, LF or NUL
/// (with '"' and '\' escaped); anything else goes as a literal. With UTF8=ACCEPT (RFC 6855 3)
/// valid UTF-8 may also be quoted. Long text is sent as a literal too: it is cheaper for clients
/// to read and avoids escaping surprises.
/// </summary>
public static class ImapString
{
    /// Longer quoted strings are legal, but clients read literals of any size more robustly.
    public const int MaxQuotedLength = 1024;

    public static void Write(ImapWriter writer, ReadOnlySpan<byte> text)
    {
        if (CanQuote(text, writer.Utf8Accepted))
        {
            writer.Byte((byte)'"');
            foreach (var b in text)
            {
                if (b is (byte)'"' or (byte)'\\')
                    writer.Byte((byte)'\\');
                writer.Byte(b);
            }
            writer.Byte((byte)'"');
        }
        else
        {
            writer.Literal(text);
        }
    }

    /// True when <paramref name="text"/> may be sent as a quoted string.
    public static bool CanQuote(ReadOnlySpan<byte> text, bool utf8Accepted)
    {
        if (text.Length > MaxQuotedLength)
            return false;
        var eightBit = false;
        foreach (var b in text)
        {
            if (b is 0 or (byte)'\r' or (byte)'\n')
                return false;
            if (b >= 0x80)
                eightBit = true;
        }
        if (!eightBit)
            return true;
        return utf8Accepted && IsValidUtf8(text);
    }

    /// <summary>
    /// An atom (RFC 3501 9): ATOM-CHAR minus atom-specials. With <paramref name="astring"/> the
    /// resp-specials ']' is allowed too (ASTRING-CHAR).
    /// </summary>
    public static bool IsAtom(string text, bool astring = false)
    {
        if (text.Length == 0 || text.Equals("NIL", StringComparison.OrdinalIgnoreCase))
            return false;
        foreach (var c in text)
        {
            if (c <= 0x20 || c >= 0x7f)
                return false;
            if (c is '(' or ')' or '{' or '%' or '*' or '"' or '\\')
                return false;
            if (c == ']' && !astring)
                return false;
        }
        return true;
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> text)
    {
        try
        {
            _ = Strict.GetCharCount(text);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static readonly UTF8Encoding Strict = new(false, true);
}
