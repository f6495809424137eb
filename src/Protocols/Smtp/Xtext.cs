namespace Mail.Protocols.Smtp;

/// <summary>
/// The xtext encoding of RFC 3461 4 (ENVID, ORCPT): printable ASCII stays, anything else
/// (and "+" and "=") becomes "+XX" over the UTF-8 bytes.
/// </summary>
public static class Xtext
{
    /// <remarks><![CDATA[
    /// xtext   = *( xchar / hexchar )
    /// xchar   = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except for "+" and "="
    /// hexchar = "+" 2(%x30-39 / %x41-46)
    /// ]]>
    /// Lower-case hex digits are accepted too: the RFC asks for upper case, but refusing a
    /// DSN parameter over case would only lose the DSN. The decoded bytes must be UTF-8.
    /// </remarks>
    public static bool TryDecode(string xtext, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? decoded)
    {
        decoded = null;
        var bytes = new List<byte>(xtext.Length);
        for (var i = 0; i < xtext.Length; i++)
        {
            var c = xtext[i];
            if (c == '+')
            {
                if (i + 2 >= xtext.Length
                    || !char.IsAsciiHexDigit(xtext[i + 1])
                    || !char.IsAsciiHexDigit(xtext[i + 2]))
                {
                    return false;
                }

                bytes.Add(Convert.ToByte(xtext.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c is >= '!' and <= '~' and not '=')
            {
                bytes.Add((byte)c);
            }
            else
            {
                return false;
            }
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes);
        if (!System.Text.Unicode.Utf8.IsValid(span))
        {
            return false;
        }

        decoded = System.Text.Encoding.UTF8.GetString(span);
        return true;
    }

    public static string Encode(string text)
    {
        var encoded = new System.Text.StringBuilder(text.Length);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            if (b is >= (byte)'!' and <= (byte)'~' and not (byte)'+' and not (byte)'=')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('+').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
