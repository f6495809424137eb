using System.Net;
using System.Net.Sockets;

namespace Mail.Protocols.Smtp;

/// <summary>Domains and address literals of RFC 5321 4.1.2 and 4.1.3.</summary>
internal static class SmtpDomainParser
{
    public static bool TryDomainOrLiteral(string text, ref int pos, out string domain) =>
        pos < text.Length && text[pos] == '['
            ? TryAddressLiteral(text, ref pos, out domain)
            : TryDomain(text, ref pos, out domain);

    /// <remarks><![CDATA[
    /// Domain     = sub-domain *("." sub-domain)
    /// sub-domain = Let-dig [Ldh-str]
    /// Ldh-str    = *( ALPHA / DIGIT / "-" ) Let-dig
    /// ]]>
    /// RFC 6531 adds U-labels: non-ASCII characters count as letters here, and a domain that has
    /// any must convert to A-labels; the session decides whether SMTPUTF8 allowed them. A
    /// trailing dot is refused.
    /// </remarks>
    public static bool TryDomain(string text, ref int pos, out string domain)
    {
        var start = pos;
        domain = "";
        while (true)
        {
            var labelStart = pos;
            while (pos < text.Length && IsLabelChar(text[pos]))
            {
                pos++;
            }

            if (pos == labelStart || text[labelStart] == '-' || text[pos - 1] == '-')
            {
                return false;
            }

            if (pos + 1 < text.Length && text[pos] == '.' && IsLabelChar(text[pos + 1]))
            {
                pos++;
                continue;
            }

            domain = text[start..pos];
            return System.Text.Ascii.IsValid(domain) || IsIdna(domain);
        }
    }

    // RFC 6531 3.3: sub-domain =/ U-label (RFC 5890). Under invariant globalization IdnMapping
    // only encodes (no UTS 46 mapping or checks), so the IDNA2008 rule is approximated here: a
    // non-ASCII character must be a letter, a combining mark or a digit (no spaces, symbols,
    // punctuation, format or private-use characters), and every label must fit in an A-label.
    private static bool IsIdna(string domain)
    {
        for (var i = 0; i < domain.Length; i += char.IsSurrogatePair(domain, i) ? 2 : 1)
        {
            if (domain[i] >= 0x80 && !IsULabelCharacter(System.Globalization.CharUnicodeInfo.GetUnicodeCategory(domain, i)))
            {
                return false;
            }
        }

        try
        {
            _ = new System.Globalization.IdnMapping { UseStd3AsciiRules = true }.GetAscii(domain);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsULabelCharacter(System.Globalization.UnicodeCategory category) => category is
        System.Globalization.UnicodeCategory.LowercaseLetter or System.Globalization.UnicodeCategory.UppercaseLetter
        or System.Globalization.UnicodeCategory.TitlecaseLetter or System.Globalization.UnicodeCategory.ModifierLetter
        or System.Globalization.UnicodeCategory.OtherLetter or System.Globalization.UnicodeCategory.NonSpacingMark
        or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.DecimalDigitNumber;

    /// <remarks><![CDATA[
    /// address-literal  = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"
    /// IPv4-address-literal = Snum 3("." Snum)
    /// IPv6-address-literal = "IPv6:" IPv6-addr
    /// General-address-literal = Standardized-tag ":" 1*dcontent
    /// ]]>
    /// The literal is returned with its brackets, as written.
    /// </remarks>
    public static bool TryAddressLiteral(string text, ref int pos, out string literal)
    {
        literal = "";
        var close = text.IndexOf(']', pos);
        if (close < 0)
        {
            return false;
        }

        var inner = text[(pos + 1)..close];
        if (!IsIPv4(inner) && !IsIPv6Literal(inner) && !IsGeneralLiteral(inner))
        {
            return false;
        }

        literal = text[pos..(close + 1)];
        pos = close + 1;
        return true;
    }

    private static bool IsLabelChar(char c) => SmtpChars.IsAlphaDigit(c) || c == '-' || SmtpChars.IsUtf8NonAscii(c);

    // IPAddress.TryParse takes "1" or "1.2" as IPv4; RFC 5321 wants exactly four decimal Snums.
    private static bool IsIPv4(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4
            && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p) <= 255);
    }

    private static bool IsIPv6Literal(string text) =>
        text.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase)
        && text.AsSpan(5).IndexOfAny('%', '[') < 0
        && IPAddress.TryParse(text.AsSpan(5), out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool IsGeneralLiteral(string text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1 || text.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var tag = text[..colon];
        return SmtpChars.IsAlphaDigit(tag[0]) && SmtpChars.IsAlphaDigit(tag[^1])
            && tag.All(c => SmtpChars.IsAlphaDigit(c) || c == '-')
            && text[(colon + 1)..].All(SmtpChars.IsDcontent);
    }
}
