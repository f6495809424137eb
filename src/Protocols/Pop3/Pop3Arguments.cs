using System.Globalization;

namespace Mail.Protocols.Pop3;

/// <summary>Parsers for the argument kinds POP3 commands share. Each returns false on anything it does not accept.</summary>
internal static class Pop3Arguments
{
    /// <summary>A message number: positive decimal, no sign, fits in an int.</summary>
    /// <remarks><![CDATA[msg = 1*DIGIT, > 0 (RFC 1939 section 5: "may NOT refer to a message marked as deleted"; 0 never exists)]]></remarks>
    public static bool TryMessageNumber(string text, out int number) =>
        TryNonNegative(text, out number) && number > 0;

    /// <summary>A TOP line count: zero or more (0 asks for the header only).</summary>
    /// <remarks><![CDATA[n = 1*DIGIT (RFC 1939 section 7, "a non-negative number")]]></remarks>
    public static bool TryLineCount(string text, out int count) => TryNonNegative(text, out count);

    /// <summary>A SASL mechanism name, upper-cased.</summary>
    /// <remarks><![CDATA[sasl-mech = 1*20(UPPER-ALPHA / DIGIT / "-" / "_")   ; RFC 4422 section 3.1, matched case-insensitively]]></remarks>
    public static bool TryMechanism(string text, out string mechanism)
    {
        mechanism = text.ToUpperInvariant();
        if (mechanism.Length is < 1 or > 20)
            return false;
        foreach (var c in mechanism)
        {
            if (!(c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_'))
                return false;
        }
        return true;
    }

    /// <summary>An AUTH initial response: base64 or "=" for an empty response. Not decoded here; the mechanism does that.</summary>
    /// <remarks><![CDATA[initial-response = base64 / "="   ; RFC 5034 section 4
    /// base64 = *(4base64-char) [base64-terminal]          ; RFC 5034 section 6]]></remarks>
    public static bool IsInitialResponse(string text) => text == "=" || IsBase64(text);

    /// <summary>A SASL continuation line: base64 (possibly empty) or "*" to cancel (RFC 5034 section 4).</summary>
    public static bool IsSaslResponse(string text) => text == "*" || text.Length == 0 || IsBase64(text);

    /// <summary>An APOP digest, lower-cased.</summary>
    /// <remarks><![CDATA[digest = 32HEXDIG  ; RFC 1939 section 7 says lower-case; accepted in either case]]></remarks>
    public static bool TryDigest(string text, out string digest)
    {
        digest = text.ToLowerInvariant();
        return digest.Length == 32 && digest.All(char.IsAsciiHexDigitLower);
    }

    private static bool TryNonNegative(string text, out int value)
    {
        value = 0;
        // NumberStyles.None: digits only, so "+1", "-1", " 1" and "1e3" are all refused; overflow fails too.
        return text.Length > 0
            && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsBase64(string text)
    {
        if (text.Length == 0 || text.Length % 4 != 0)
            return false;
        var padding = text.EndsWith("==", StringComparison.Ordinal) ? 2 : text.EndsWith('=') ? 1 : 0;
        for (var i = 0; i < text.Length - padding; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
                return false;
        }
        return true;
    }
}
