using System.Globalization;
using System.Text;

namespace Mail.Protocols.Imap;

/// <summary>
/// uid-set (RFC 4315 4) in its compact form: runs of consecutive numbers become "a:b", so
/// [1,2,3,4,5,7,9,10,11,12] is "1:5,7,9:12". Order is kept as given (COPYUID pairs the source and
/// destination sets position by position), so only ascending runs are merged.
/// </summary>
public static class UidSetWriter
{
    public static string Write(IEnumerable<long> uids)
    {
        var text = new StringBuilder();
        long start = 0, end = 0;
        var open = false;
        foreach (var uid in uids)
        {
            if (open && uid == end + 1)
            {
                end = uid;
                continue;
            }
            if (open)
                Append(text, start, end);
            start = end = uid;
            open = true;
        }
        if (open)
            Append(text, start, end);
        return text.ToString();
    }

    private static void Append(StringBuilder text, long start, long end)
    {
        if (text.Length > 0)
            text.Append(',');
        text.Append(start.ToString(CultureInfo.InvariantCulture));
        if (end != start)
            text.Append(':').Append(end.ToString(CultureInfo.InvariantCulture));
    }
}
