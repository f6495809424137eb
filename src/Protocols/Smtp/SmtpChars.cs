namespace Mail.Protocols.Smtp;

/// <summary>
/// Character classes of RFC 5321 4.1.2, widened by RFC 6531 to any non-ASCII character
/// (the parser works on UTF-8 decoded text; whether SMTPUTF8 was declared is the session's call).
/// </summary>
internal static class SmtpChars
{
    public static bool IsAlphaDigit(char c) => char.IsAsciiLetterOrDigit(c);

    public static bool IsUtf8NonAscii(char c) => c >= 0x80;

    /// <remarks><![CDATA[atext = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "/" / "=" / "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~"  (RFC 5322)]]></remarks>
    public static bool IsAtext(char c) =>
        IsAlphaDigit(c) || IsUtf8NonAscii(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c);

    /// <remarks><![CDATA[qtextSMTP = %d32-33 / %d35-91 / %d93-126]]></remarks>
    public static bool IsQtext(char c) => c is (>= ' ' and <= '~') and not '"' and not '\\' || IsUtf8NonAscii(c);

    /// <remarks><![CDATA[quoted-pairSMTP = %d92 %d32-126]]></remarks>
    public static bool IsQuotedPairChar(char c) => c is >= ' ' and <= '~';

    /// <remarks><![CDATA[dcontent = %d33-90 / %d94-126]]></remarks>
    public static bool IsDcontent(char c) => c is (>= '!' and <= 'Z') or (>= '^' and <= '~');

    /// <summary>True when <paramref name="localPart"/> can be written without quotes.</summary>
    /// <remarks><![CDATA[Dot-string = Atom *("." Atom)]]></remarks>
    public static bool IsDotString(string localPart)
    {
        if (localPart.Length == 0 || localPart[0] == '.' || localPart[^1] == '.' || localPart.Contains(".."))
        {
            return false;
        }

        foreach (var c in localPart)
        {
            if (c != '.' && !IsAtext(c))
            {
                return false;
            }
        }

        return true;
    }

    public static int Utf8Length(string text) => System.Text.Encoding.UTF8.GetByteCount(text);
}
