namespace Mail.Host.Load;

/// The mailboxes of the POP3/IMAP modes: a <c>user%d@domain:password</c> pattern expanded for
/// 1..N, or the lines of a file. The password is everything after the first colon, so it may
/// hold colons itself; user names (addresses) hold none.
public static class UserList
{
    public static IReadOnlyList<LoadUser> FromPattern(string pattern, int? count)
    {
        var hasNumber = pattern.Contains("%d", StringComparison.Ordinal);
        if (hasNumber && count is null)
            throw new SourceUsageException("--users with %d needs -N COUNT");
        if (!hasNumber && count is not null)
            throw new SourceUsageException("-N COUNT needs %d in the --users pattern");
        if (!hasNumber)
            return [Credentials(pattern, "--users")];
        return [.. Enumerable.Range(1, count!.Value).Select(i => Credentials(pattern.Replace("%d", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), "--users"))];
    }

    /// Blank lines and lines starting with '#' are skipped.
    public static IReadOnlyList<LoadUser> FromLines(IEnumerable<string> lines)
    {
        var users = lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => Credentials(l, "--users-file")).ToList();
        return users.Count > 0 ? users : throw new SourceUsageException("--users-file holds no user:password line");
    }

    public static LoadUser Credentials(string text, string option)
    {
        var colon = text.IndexOf(':');
        return colon > 0 ? new LoadUser(text[..colon], text[(colon + 1)..]) : throw new SourceUsageException($"{option} wants user:password, got '{text}'");
    }
}
