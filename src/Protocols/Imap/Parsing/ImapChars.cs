namespace Mail.Protocols.Imap;

/// <summary>Character classes of RFC 3501 section 9.</summary>
internal static class ImapChars
{
    /// <remarks><![CDATA[ATOM-CHAR = <any CHAR except atom-specials>
    /// atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials]]></remarks>
    public static bool IsAtomChar(int c) =>
        c is > 0x20 and < 0x7F and not ('(' or ')' or '{' or '%' or '*' or '"' or '\\' or ']');

    /// <remarks><![CDATA[ASTRING-CHAR = ATOM-CHAR / resp-specials]]></remarks>
    public static bool IsAStringChar(int c) => IsAtomChar(c) || c == ']';

    /// <remarks><![CDATA[tag = 1*<any ASTRING-CHAR except "+">]]></remarks>
    public static bool IsTagChar(int c) => IsAStringChar(c) && c != '+';

    /// <remarks><![CDATA[list-char = ATOM-CHAR / list-wildcards / resp-specials]]></remarks>
    public static bool IsListChar(int c) => IsAStringChar(c) || c is '%' or '*';

    /// <remarks><![CDATA[TEXT-CHAR = <any CHAR except CR and LF>; 8-bit is let through for UTF-8 (RFC 6855)]]></remarks>
    public static bool IsQuotedChar(int c) => c is > 0 and not ('\r' or '\n');

    public static bool IsDigit(int c) => c is >= '0' and <= '9';

    /// Name characters of FETCH attributes and similar keywords ("BODY.PEEK", "RFC822.SIZE", "X-GM-MSGID").
    public static bool IsKeywordChar(int c) => char.IsAsciiLetterOrDigit((char)c) || c is '.' or '-';
}

/// <summary>
/// A syntax error found deep in the recursive-descent parser. Thrown only inside the parser and
/// always caught by <see cref="ImapCommandParser.Parse"/>, which turns it into an
/// <see cref="ErrorInput"/>: unwinding through every level by hand would double the parser's size.
/// </summary>
internal sealed class ImapSyntaxException(string message) : Exception(message);
