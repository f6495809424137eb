using System.Globalization;
using System.Text;

namespace Mail.Protocols.Imap;

/// <summary>The untagged data responses a session sends besides FETCH and status lines (RFC 3501 7.2-7.4).</summary>
public static class UntaggedResponses
{
    public static byte[] Exists(long count) => Line("* " + Num(count) + " EXISTS");

    public static byte[] Recent(long count) => Line("* " + Num(count) + " RECENT");

    public static byte[] Expunge(long sequence) => Line("* " + Num(sequence) + " EXPUNGE");

    public static byte[] Flags(IEnumerable<string> flags) => Line("* FLAGS " + FlagList.Render(flags));

    /// "* SEARCH 2 3 6", with "(MODSEQ n)" when a MODSEQ key was used (RFC 7162 3.1.5).
    public static byte[] Search(IEnumerable<long> numbers, ulong? highestModSeq = null)
    {
        var line = new StringBuilder("* SEARCH");
        foreach (var n in numbers)
            line.Append(' ').Append(Num(n));
        if (highestModSeq is { } modSeq)
            line.Append(" (MODSEQ ").Append(modSeq.ToString(CultureInfo.InvariantCulture)).Append(')');
        return Line(line.ToString());
    }

    /// <summary>
    /// ESEARCH (RFC 4731): "* ESEARCH (TAG "a1") UID MIN 2 COUNT 5". <paramref name="options"/>
    /// are the RETURN options asked (MIN, MAX, ALL, COUNT); <paramref name="numbers"/> ascending.
    /// </summary>
    public static byte[] ESearch(string tag, bool uid, IReadOnlyList<long> numbers, IReadOnlyList<string> options)
    {
        var line = new StringBuilder("* ESEARCH (TAG ");
        var quoted = new ImapWriter();
        quoted.String(tag);
        line.Append(quoted.ToString()).Append(')');
        if (uid)
            line.Append(" UID");
        var all = options.Count == 0 ? ["ALL"] : options;
        foreach (var option in all.Select(o => o.ToUpperInvariant()))
        {
            switch (option)
            {
                case "MIN" when numbers.Count > 0:
                    line.Append(" MIN ").Append(Num(numbers[0]));
                    break;
                case "MAX" when numbers.Count > 0:
                    line.Append(" MAX ").Append(Num(numbers[^1]));
                    break;
                case "ALL" when numbers.Count > 0:
                    line.Append(" ALL ").Append(UidSetWriter.Write(numbers));
                    break;
                case "COUNT":
                    line.Append(" COUNT ").Append(Num(numbers.Count));
                    break;
            }
        }
        return Line(line.ToString());
    }

    private static byte[] Line(string text) => Encoding.UTF8.GetBytes(text + "\r\n");

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
