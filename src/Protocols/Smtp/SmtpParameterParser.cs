namespace Mail.Protocols.Smtp;

/// <summary>
/// The ESMTP parameters after a MAIL or RCPT path. Keywords are case-insensitive; an
/// unknown keyword is a 555 (RFC 5321 4.1.1.11), a repeated one or a bad value a 501.
/// </summary>
internal static class SmtpParameterParser
{
    /// <remarks><![CDATA[
    /// Mail-parameters = esmtp-param *(SP esmtp-param)
    /// esmtp-param     = esmtp-keyword ["=" esmtp-value]
    /// esmtp-keyword   = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
    /// esmtp-value     = 1*(%d33-60 / %d62-126)   ; RFC 6531 adds UTF8-non-ascii
    /// ]]>
    /// Several spaces between parameters are tolerated, as Postfix does.
    /// </remarks>
    public static bool TrySplit(
        string text, IReadOnlySet<string> known, out List<KeyValuePair<string, string?>> parameters, out SmtpReply? error)
    {
        parameters = [];
        error = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = token.IndexOf('=');
            var keyword = eq < 0 ? token : token[..eq];
            var value = eq < 0 ? null : token[(eq + 1)..];
            if (!IsKeyword(keyword) || (value is not null && !IsValue(value)))
            {
                error = SmtpReply.SyntaxError;
                return false;
            }

            keyword = keyword.ToUpperInvariant();
            if (!known.Contains(keyword))
            {
                error = SmtpReply.UnsupportedParameter(keyword);
                return false;
            }

            if (!seen.Add(keyword))
            {
                error = SmtpReply.DuplicateParameter;
                return false;
            }

            parameters.Add(new(keyword, value));
        }

        return true;
    }

    /// <summary>RFC 1870: size-value ::= 1*20DIGIT. Values past <see cref="long.MaxValue"/> clamp to it.</summary>
    public static bool TrySize(string? value, out long size)
    {
        size = 0;
        if (value is null || value.Length is 0 or > 20 || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size))
        {
            size = long.MaxValue;
        }

        return true;
    }

    /// <remarks><![CDATA[notify-esmtp-value = "NEVER" / 1#notify-list-element ; "SUCCESS" / "FAILURE" / "DELAY"]]></remarks>
    public static bool TryNotify(string? value, out DsnNotify notify)
    {
        notify = DsnNotify.Never;
        if (value is null)
        {
            return false;
        }

        if (value.Equals("NEVER", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var element in value.Split(','))
        {
            switch (element.ToUpperInvariant())
            {
                case "SUCCESS": notify |= DsnNotify.Success; break;
                case "FAILURE": notify |= DsnNotify.Failure; break;
                case "DELAY": notify |= DsnNotify.Delay; break;
                default: return false; // includes NEVER inside a list
            }
        }

        return true;
    }

    /// <remarks><![CDATA[orcpt-parameter = "ORCPT=" original-recipient-address ; addr-type ";" xtext]]>
    /// RFC 3461 4.2 caps the value at 500 characters.</remarks>
    public static bool TryOriginalRecipient(string? value, out OriginalRecipient? original)
    {
        original = null;
        var semicolon = value?.IndexOf(';') ?? -1;
        if (value is null || value.Length > 500 || semicolon <= 0
            || !value[..semicolon].All(SmtpChars.IsAtext)
            || !Xtext.TryDecode(value[(semicolon + 1)..], out var address) || address.Length == 0)
        {
            return false;
        }

        original = new OriginalRecipient(value[..semicolon], address);
        return true;
    }

    private static bool IsKeyword(string keyword) =>
        keyword.Length > 0 && SmtpChars.IsAlphaDigit(keyword[0]) && keyword.All(c => SmtpChars.IsAlphaDigit(c) || c == '-');

    private static bool IsValue(string value) =>
        value.Length > 0 && value.All(c => c is (>= '!' and <= '~') and not '=' || SmtpChars.IsUtf8NonAscii(c));
}
