using System.Globalization;
using System.Text;
using MimeKit.Utils;

namespace Mail.Actors.Bounces;

// Formats the fields of a message/delivery-status body (RFC 3464 2.1: RFC 5322 header syntax,
// US-ASCII). MimeKit would fold and RFC 2047-encode an unstructured value itself, but encoded
// words are not allowed in these fields and its folding is not ours to predict, so each value is
// cleaned and folded here.
internal static class DsnFields
{
    const int FoldAt = 78;

    // RFC 5322 2.1.1: lines must stay under 998 octets; a run without whitespace longer than this
    // is broken with an inserted space (the only place folding changes the value).
    const int LongestUnbrokenRun = 900;

    /// <summary>"Name: value" folded, with its LF line end.</summary>
    public static string Field(string name, string value) => name + ":" + Fold(name, value);

    public static string Date(string name, DateTimeOffset value) => Field(name, DateUtils.FormatDate(value));

    /// <summary>Text made single-line printable US-ASCII, as Postfix's printable(): anything else reads '?'.</summary>
    public static string Printable(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '\r' or '\n' or '\t')
                chars[i] = ' ';
            else if (chars[i] is < ' ' or > '~')
                chars[i] = '?';
        }

        return new string(chars);
    }

    /// <summary>
    /// "type; address" for Final-Recipient / Original-Recipient. A non-ASCII (SMTPUTF8) address is
    /// written with the "utf-8" type and its non-ASCII characters as \x{HEX} (RFC 6533 3,
    /// utf-8-addr-xtext), which keeps the field 7-bit.
    /// </summary>
    public static string TypedAddress(string addressType, string address)
    {
        var needsUtf8 = addressType.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || address.Any(c => c > '~');
        if (!needsUtf8)
            return $"{Printable(addressType)}; {Printable(address)}";

        var sb = new StringBuilder("utf-8; ");
        foreach (var rune in address.EnumerateRunes())
        {
            if (rune.Value is >= '!' and <= '~')
                sb.Append((char)rune.Value);
            else
                sb.Append(CultureInfo.InvariantCulture, $"\\x{{{rune.Value:X}}}");
        }

        return sb.ToString();
    }

    /// <summary>
    /// The raw value (leading space, LF line ends) of "name: value", folded before existing spaces
    /// so that unfolding (RFC 5322 2.2.3: drop the CRLFs) gives back exactly the value.
    /// </summary>
    internal static string Fold(string name, string value)
    {
        var sb = new StringBuilder(value.Length + 16);
        var column = name.Length + 1;
        foreach (var chunk in Chunks(" " + Printable(value)))
        {
            // Never fold before a chunk that is only whitespace: that would leave a blank continuation line.
            if (column + chunk.Length > FoldAt && column > name.Length + 1 && chunk.Length > 1)
            {
                sb.Append('\n');
                column = 0;
            }

            sb.Append(chunk);
            column += chunk.Length;
        }

        return sb.Append('\n').ToString();
    }

    // Pieces of the text each starting with its space; runs too long for one line are cut, the
    // later pieces getting a space of their own.
    static IEnumerable<string> Chunks(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var next = text.IndexOf(' ', start + 1);
            var end = next < 0 ? text.Length : next;
            for (var at = start; at < end; at += LongestUnbrokenRun)
            {
                var piece = text[at..Math.Min(end, at + LongestUnbrokenRun)];
                yield return at == start ? piece : " " + piece;
            }

            start = end;
        }
    }
}
