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

    public AccessTable(string databasePath)
    {
        _db = new DirectoryDatabase(databasePath);
        DirectorySchema.EnsureCreated(_db);
        _db.Run(c =>
        {
            // Kept apart from the versioned directory schema: the table is self-contained and
            // created idempotently, so CLI and server may create it concurrently.
            Sql.Execute(c, """
                CREATE TABLE IF NOT EXISTS access_rules(
                    kind TEXT NOT NULL CHECK (kind IN ('client','helo','sender','recipient')),
                    pattern TEXT NOT NULL,
                    action TEXT NOT NULL CHECK (action IN ('OK','REJECT','DEFER')),
                    message TEXT,
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (kind, pattern));
                CREATE TABLE IF NOT EXISTS access_version(id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
                INSERT OR IGNORE INTO access_version(id, version) VALUES (1, 0);
                """);
            return 0;
        });
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
            "INSERT OR REPLACE INTO access_rules(kind, pattern, action, message, created_at) VALUES ($k, $p, $a, $m, $t);",
            ("$k", Name(kind)), ("$p", normalized), ("$a", action.ToString().ToUpperInvariant()), ("$m", rule.Message),
            ("$t", rule.CreatedAt.ToString("O", CultureInfo.InvariantCulture))));
        return rule;
    }

    public void Remove(AccessKind kind, string pattern)
    {
        if (!AccessRuleSet.TryNormalizePattern(kind, pattern, out var normalized, out var error))
            throw new DirectoryException(DirectoryErrorKind.Invalid, error);
        var removed = Change(c => Sql.Execute(c, "DELETE FROM access_rules WHERE kind = $k AND pattern = $p;", ("$k", Name(kind)), ("$p", normalized)));
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

    /// The version every change bumps.
    public long Version() => _db.Read(c => Sql.Count(c, "SELECT version FROM access_version WHERE id = 1;"));

    public static string Name(AccessKind kind) => kind.ToString().ToLowerInvariant();

    private int Change(Func<Microsoft.Data.Sqlite.SqliteConnection, int> change) => _db.Run(c =>
    {
        using var tx = c.BeginTransaction(deferred: false);
        var n = change(c);
        Sql.Execute(c, "UPDATE access_version SET version = version + 1 WHERE id = 1;");
        tx.Commit();
        return n;
    });
}
