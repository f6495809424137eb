using System.Text;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// Mailbox names between the wire and the store: modified UTF-7 on the wire (RFC 3501
/// 5.1.3), Unicode in the store, "/" as the hierarchy delimiter, INBOX case-insensitive
/// (and "inbox/..." kept as sent: only INBOX itself is special), and LIST wildcards.
/// </summary>
public static class FolderNames
{
    public const char Delimiter = '/';

    /// The stored name for a name sent by a client, or null when it is not valid modified UTF-7
    /// or not a usable name (empty, a leading or doubled delimiter).
    public static string? FromWire(string wire)
    {
        if (!ModifiedUtf7.TryDecode(wire, out var name))
            return null;
        if (name.EndsWith(Delimiter))
            name = name.TrimEnd(Delimiter); // RFC 3501 6.3.3: a trailing delimiter names the same folder
        if (name.Length == 0 || name.StartsWith(Delimiter) || name.Contains("//", StringComparison.Ordinal)
            || name.Any(char.IsControl))
            return null;
        return string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase) ? "INBOX" : name;
    }

    /// The name as a quoted IMAP string in modified UTF-7.
    public static string ToWire(string name) => Quote(ModifiedUtf7.Encode(name));

    public static string Quote(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            if (c is '"' or '\\')
                b.Append('\\');
            b.Append(c);
        }
        return b.Append('"').ToString();
    }

    /// <summary>
    /// LIST matching (RFC 3501 6.3.8): "*" matches anything, "%" anything but the delimiter.
    /// The INBOX part of a pattern is compared case-insensitively.
    /// </summary>
    public static bool Matches(string pattern, string name)
    {
        if (pattern.StartsWith("INBOX", StringComparison.OrdinalIgnoreCase) && name.StartsWith("INBOX", StringComparison.Ordinal))
            pattern = "INBOX" + pattern[5..];
        return Match(pattern, 0, name, 0);
    }

    private static bool Match(string p, int pi, string n, int ni)
    {
        while (pi < p.Length)
        {
            var c = p[pi];
            if (c is '*' or '%')
            {
                // Try every split; names are short, so the backtracking stays cheap.
                for (var k = ni; k <= n.Length; k++)
                {
                    if (Match(p, pi + 1, n, k))
                        return true;
                    if (k < n.Length && c == '%' && n[k] == Delimiter)
                        return false;
                }
                return false;
            }
            if (ni >= n.Length || n[ni] != c)
                return false;
            pi++;
            ni++;
        }
        return ni == n.Length;
    }

    /// "a/b/c" → "a", "a/b": the superiors a folder implies.
    public static IEnumerable<string> Superiors(string name)
    {
        for (var i = name.IndexOf(Delimiter); i > 0; i = name.IndexOf(Delimiter, i + 1))
            yield return name[..i];
    }
}
