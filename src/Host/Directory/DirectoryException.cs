namespace Mail.Host.Directory;

/// <summary>What went wrong, so the CLI can pick an exit code and the server can tell a
/// storage failure (answer 4xx, try later) from a caller mistake.</summary>
public enum DirectoryErrorKind
{
    /// The input is malformed (bad address syntax, empty password).
    Invalid,
    /// The domain or user does not exist.
    NotFound,
    /// The domain or user exists already.
    AlreadyExists,
    /// The domain still has users.
    InUse,
    /// The database could not be opened, was locked too long, or is damaged.
    Storage,
}

/// <summary>
/// A directory error whose Message is written for the admin who typed the command
/// (it says what to do next), never SQLite's wording. The SqliteException, if any, is
/// kept as InnerException for the log.
/// </summary>
public sealed class DirectoryException(DirectoryErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public DirectoryErrorKind Kind { get; } = kind;
}
