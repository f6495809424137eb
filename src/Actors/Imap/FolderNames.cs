using System.Text;
using Mail.Actors.Mailbox;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// Mailbox names between the wire and the store: modified UTF-7 on the wire (RFC 3501
/// 5.1.3), the store's canonical names (<see cref="FolderName"/>) inside, and LIST wildcards.
/// </summary>
public static class FolderNames
{
    /// The stored name for a name sent by a client, or null when it is not valid modified UTF-7
    /// or not a usable name (see <see cref="FolderName.Normalize"/>).
    public static string? FromWire(string wire) =>
        ModifiedUtf7.TryDecode(wire, out var name) ? FolderName.Normalize(name) : null;

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
                    if (k < n.Length && c == '%' && n[k] == FolderName.Delimiter)
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
}
