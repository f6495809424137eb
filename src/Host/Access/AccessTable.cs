using System.Globalization;
using Mail.Host.Directory;

namespace Mail.Host.Access;

/// <summary>
/// The access rules in the directory database (`maild access add|remove|list`, and the server's
/// reads). Every change also bumps a one-row version, so a running server notices a change
/// with one tiny read per check and reloads the (small) rule set only then.
/// </summary>
public sealed class AccessTable
{
    private readonly DirectoryDatabase _db;

    public AccessTable(DirectoryStore store)
    {
        _db = store.Database;
        DirectorySchema.EnsureCreated(_db);
        // Kept apart from the versioned directory schema: the tables are self-contained and
        // created idempotently, so CLI and server may create them concurrently.
        DirectorySchema.EnsureTables(_db, _db.Dialect.AccessTablesDdl);
    }

    /// The rules in the SQLite directory file at <paramref name="databasePath"/>.
    public AccessTable(string databasePath) : this(DirectoryStore.Sqlite(databasePath))
    {
    }

    /// Adds or replaces the rule for (kind, pattern).
    public AccessRule Add(AccessKind kind, string pattern, AccessAction action, string? message)
    {
        if (!AccessRuleSet.TryNormalizePattern(kind, pattern, out var normalized, out var error))
            throw new DirectoryException(DirectoryErrorKind.Invalid, error);
        if (message is not null && (message.Contains('\r') || message.Contains('\n')))
            throw new DirectoryException(DirectoryErrorKind.Invalid, "the reply text must be one line");
        var rule = new AccessRule(kind, normalized, action, string.IsNullOrWhiteSpace(message) ? null : message.Trim(), DateTimeOffset.UtcNow);
        Change(c => Sql.Execute(c,
            "INSERT INTO access_rules(kind, pattern, action, message, created_at) VALUES (@k, @p, @a, @m, @t)"
            + _db.Dialect.OnConflictUpdate("kind, pattern", "action", "message", "created_at"),
            ("@k", Name(kind)), ("@p", normalized), ("@a", action.ToString().ToUpperInvariant()), ("@m", rule.Message),
            ("@t", rule.CreatedAt.ToString("O", CultureInfo.InvariantCulture))));
        return rule;
    }

    public void Remove(AccessKind kind, string pattern)
    {
        if (!AccessRuleSet.TryNormalizePattern(kind, pattern, out var normalized, out var error))
            throw new DirectoryException(DirectoryErrorKind.Invalid, error);
        var removed = Change(c => Sql.Execute(c, "DELETE FROM access_rules WHERE kind = @k AND pattern = @p;", ("@k", Name(kind)), ("@p", normalized)));
        if (removed == 0)
            throw new DirectoryException(DirectoryErrorKind.NotFound, $"no {Name(kind)} rule for {normalized}");
    }

    public IReadOnlyList<AccessRule> List() => _db.Read(c => Sql.Query(c,
        "SELECT kind, pattern, action, message, created_at FROM access_rules ORDER BY kind, pattern;",
        r => new AccessRule(
            Enum.Parse<AccessKind>(r.GetString(0), ignoreCase: true),
            r.GetString(1),
            Enum.Parse<AccessAction>(r.GetString(2), ignoreCase: true),
            r.IsDBNull(3) ? null : r.GetString(3),
            DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture))));

    /// A number that moves with every change: on SQLite the file's data_version (no query, and
    /// it moves for an admin's own SQL too), elsewhere the row every change here bumps.
    public long Version() => _db.ChangeVersion() ?? _db.Read(c => Sql.Count(c, "SELECT version FROM access_version WHERE id = 1;"));

    public static string Name(AccessKind kind) => kind.ToString().ToLowerInvariant();

    private int Change(Func<System.Data.Common.DbConnection, int> change) => _db.Run(c =>
    {
        using var tx = _db.BeginWrite(c);
        var n = change(c);
        Sql.Execute(c, "UPDATE access_version SET version = version + 1 WHERE id = 1;");
        tx.Commit();
        return n;
    });
}
