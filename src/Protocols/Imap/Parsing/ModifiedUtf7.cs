using System.Text;

namespace Mail.Protocols.Imap;

/// <summary>
/// Mailbox names in modified UTF-7 (RFC 3501 5.1.3): printable US-ASCII stands for itself
/// except "&amp;", written "&amp;-"; everything else is UTF-16 in modified base64 ("," for "/",
/// no padding) between "&amp;" and "-".
/// </summary>
public static class ModifiedUtf7
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

    public static string Encode(string name)
    {
        var output = new StringBuilder(name.Length + 8);
        var shifted = new List<char>();
        foreach (var c in name)
        {
            if (c is >= ' ' and <= '~')
            {
                Flush(output, shifted);
                output.Append(c == '&' ? "&-" : c.ToString());
            }
            else
            {
                shifted.Add(c);
            }
        }
        Flush(output, shifted);
        return output.ToString();
    }

    // Writes the pending non-ASCII run as "&" base64(UTF-16BE) "-".
    private static void Flush(StringBuilder output, List<char> run)
    {
        if (run.Count == 0)
            return;
        var bytes = Encoding.BigEndianUnicode.GetBytes(run.ToArray());
        output.Append('&');
        int bits = 0, buffer = 0;
        foreach (var b in bytes)
        {
            buffer = buffer << 8 | b;
            bits += 8;
            while (bits >= 6)
            {
                bits -= 6;
                output.Append(Alphabet[buffer >> bits & 0x3F]);
            }
        }
        if (bits > 0)
            output.Append(Alphabet[buffer << (6 - bits) & 0x3F]);
        output.Append('-');
        run.Clear();
    }

    /// <summary>
    /// Decodes <paramref name="encoded"/>; false when it is not the one valid encoding of any
    /// name: characters outside printable US-ASCII, "&amp;" not closed by "-", a character outside
    /// the modified base64 alphabet, leftover or non-zero padding bits, an odd octet count, a
    /// shifted run holding printable US-ASCII, two shifted runs in a row, or a broken surrogate pair.
    /// </summary>
    public static bool TryDecode(string encoded, out string decoded)
    {
        decoded = "";
        var output = new StringBuilder(encoded.Length);
        var lastRunEnd = int.MinValue;
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c is < ' ' or > '~')
                return false;
            if (c != '&')
            {
                output.Append(c);
                continue;
            }
            var end = encoded.IndexOf('-', i + 1);
            if (end < 0)
                return false;
            if (end == i + 1)
            {
                output.Append('&');
                i = end;
                continue;
            }
            // "&AGE-&AGE-" must have been written as one run.
            if (lastRunEnd == i - 1 || !TryDecodeRun(encoded.AsSpan(i + 1, end - i - 1), output))
                return false;
            lastRunEnd = end;
            i = end;
        }
        var text = output.ToString();
        if (!IsWellFormed(text))
            return false;
        decoded = text;
        return true;
    }

    private static bool TryDecodeRun(ReadOnlySpan<char> run, StringBuilder output)
    {
        int bits = 0, buffer = 0;
        var bytes = new List<byte>();
        foreach (var c in run)
        {
            var value = Alphabet.IndexOf(c);
            if (value < 0)
                return false;
            buffer = (buffer << 6 | value) & 0xFFFFFF;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
            }
        }
        // Minimal encoding: fewer than 6 bits left over, all zero, and whole UTF-16 units.
        if (bits >= 6 || (buffer & ((1 << bits) - 1)) != 0 || bytes.Count % 2 != 0)
            return false;
        for (var i = 0; i < bytes.Count; i += 2)
        {
            var unit = (char)(bytes[i] << 8 | bytes[i + 1]);
            if (unit is >= ' ' and <= '~')
                return false;
            output.Append(unit);
        }
        return true;
    }

    // No lone surrogates: a name must be valid Unicode.
    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return false;
        }
        return true;
    }
}
