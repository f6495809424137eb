namespace Mail.Actors.Mailbox;

/// <summary>
/// Message flags as stored (RFC 3501 2.3.2): the system flags in their canonical spelling,
/// keywords as the client gave them, no duplicates (compared case-insensitively, as IMAP does).
/// <c>\Recent</c> is session state and never stored; other unknown backslash flags are dropped.
/// </summary>
public static class MessageFlags
{
    public const string Seen = @"\Seen";
    public const string Answered = @"\Answered";
    public const string Flagged = @"\Flagged";
    public const string Deleted = @"\Deleted";
    public const string Draft = @"\Draft";

    public static IReadOnlyList<string> System { get; } = [Seen, Answered, Flagged, Deleted, Draft];

    public static IReadOnlyList<string> Normalize(IEnumerable<string>? flags)
    {
        var result = new List<string>();
        foreach (var flag in flags ?? [])
        {
            var canonical = Canonical(flag);
            if (canonical is not null && !Contains(result, canonical))
                result.Add(canonical);
        }
        return result;
    }

    /// The flags after a STORE (RFC 3501 6.4.6): FLAGS replaces, +FLAGS adds, -FLAGS removes.
    public static IReadOnlyList<string> Apply(IReadOnlyList<string> current, StoreFlagsMode mode, IReadOnlyList<string> flags)
    {
        var given = Normalize(flags);
        return mode switch
        {
            StoreFlagsMode.Replace => given,
            StoreFlagsMode.Add => [.. current, .. given.Where(f => !Contains(current, f))],
            StoreFlagsMode.Remove => [.. current.Where(f => !Contains(given, f))],
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
    }

    public static bool Contains(IEnumerable<string> flags, string flag) =>
        flags.Any(f => string.Equals(f, flag, StringComparison.OrdinalIgnoreCase));

    public static bool SameSet(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.All(f => Contains(b, f));

    public static bool IsKeyword(string flag) => !flag.StartsWith('\\');

    /// The canonical spelling of a system flag, the keyword as given; null for a flag a client
    /// may not set (\Recent, an unknown backslash flag, a keyword that is not an atom).
    public static string? Canonical(string flag)
    {
        if (flag.StartsWith('\\'))
            return System.FirstOrDefault(s => string.Equals(s, flag, StringComparison.OrdinalIgnoreCase));
        // A keyword is an atom (RFC 3501 9: flag-keyword); anything else cannot be sent back in FETCH.
        return flag.Length > 0 && flag.All(IsAtomChar) ? flag : null;
    }

    private static bool IsAtomChar(char c) => c > ' ' && c < 0x7f && "(){%*\"\\]".IndexOf(c) < 0;
}
