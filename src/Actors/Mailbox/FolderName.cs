namespace Mail.Actors.Mailbox;

/// <summary>
/// Folder names as the mailbox stores them: decoded Unicode (the IMAP session converts from
/// and to modified UTF-7), hierarchy delimiter "/", "INBOX" case-insensitive (RFC 3501 5.1)
/// including as the first level of a child name ("inbox/x" is "INBOX/x").
/// </summary>
public static class FolderName
{
    public const string Inbox = "INBOX";
    public const char Delimiter = '/';

    /// The canonical form, or null when the name cannot be a folder. A trailing delimiter is
    /// dropped: RFC 3501 6.3.3 lets a client CREATE "foo/" to say it wants children.
    public static string? Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return null;
        name = name.TrimEnd(Delimiter);
        if (name.Length == 0 || name[0] == Delimiter || name.Contains("//", StringComparison.Ordinal))
            return null;
        // Wildcards would make LIST patterns ambiguous; control characters cannot be sent back.
        if (name.Any(c => char.IsControl(c) || c == '*' || c == '%'))
            return null;
        var first = name.IndexOf(Delimiter);
        var head = first < 0 ? name : name[..first];
        return string.Equals(head, Inbox, StringComparison.OrdinalIgnoreCase) ? Inbox + name[head.Length..] : name;
    }

    public static bool IsInbox(string name) => name == Inbox;

    /// "a/b/c" → "a", "a/b": the superiors CREATE makes when they are missing.
    public static IEnumerable<string> Superiors(string name)
    {
        for (var i = name.IndexOf(Delimiter); i > 0; i = name.IndexOf(Delimiter, i + 1))
            yield return name[..i];
    }

    public static bool IsUnder(string name, string superior) =>
        name.Length > superior.Length + 1 && name[superior.Length] == Delimiter && name.StartsWith(superior, StringComparison.Ordinal);

    /// <paramref name="name"/> with its prefix <paramref name="from"/> replaced by <paramref name="to"/>.
    public static string Rebase(string name, string from, string to) => to + name[from.Length..];
}
