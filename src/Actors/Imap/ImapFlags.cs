namespace Mail.Actors.Imap;

/// <summary>
/// Flag spelling (RFC 3501 2.3.2): system flags are case-insensitive and kept in their
/// canonical form; \Recent belongs to sessions, never to the store.
/// </summary>
public static class ImapFlags
{
    public const string Seen = "\\Seen";
    public const string Answered = "\\Answered";
    public const string Flagged = "\\Flagged";
    public const string Deleted = "\\Deleted";
    public const string Draft = "\\Draft";
    public const string Recent = "\\Recent";

    public static readonly string[] System = [Answered, Flagged, Deleted, Seen, Draft];

    /// What FLAGS and PERMANENTFLAGS announce; "\*" lets clients create keywords.
    public static string PermanentFlags => string.Join(' ', System) + " \\*";

    /// The canonical spelling of a system flag, the keyword as given otherwise; null for a
    /// flag a client may not set (\Recent, or an unknown backslash flag).
    public static string? Canonical(string flag)
    {
        foreach (var s in System)
        {
            if (string.Equals(s, flag, StringComparison.OrdinalIgnoreCase))
                return s;
        }
        return flag.StartsWith('\\') ? null : flag;
    }

    public static bool Has(IReadOnlyList<string> flags, string flag) =>
        flags.Any(f => string.Equals(f, flag, StringComparison.OrdinalIgnoreCase));

    /// "\Seen \Flagged $Label1", plus \Recent for this session's recent messages.
    public static string Render(IReadOnlyList<string> flags, bool recent) =>
        recent ? string.Join(' ', flags.Append(Recent)) : string.Join(' ', flags);
}
