using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Mail.Host.Directory;

/// <summary>
/// Creates and migrates the directory tables. schema_version keeps one row per applied
/// step, so a later issue adds a step to <see cref="Steps"/> and every existing file is
/// upgraded the next time the CLI or the server opens it.
/// </summary>
internal static class DirectorySchema
{
    /// <summary>Steps[i] takes the schema from version i to i + 1. Never edit a released step.</summary>
    private static readonly string[] Steps =
    [
        // Version 1. Names are stored lower case (see AddressSyntax); NOCASE is a second
        // guard for rows written by hand with sqlite3.
        """
        CREATE TABLE domains(
            name TEXT PRIMARY KEY COLLATE NOCASE,
            created_at TEXT NOT NULL);
        CREATE TABLE users(
            address TEXT PRIMARY KEY COLLATE NOCASE,
            domain TEXT NOT NULL REFERENCES domains(name),
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE INDEX users_domain ON users(domain);
        """,
        // Version 2: aliases and alias domains (Postfix's virtual_alias_maps and
        // virtual_alias_domains). An alias domain is a row of domains with alias_of set, so that
        // one name is never both; aliases.domain is the domain of the source, for listing and
        // for refusing to remove a domain that still has aliases.
        """
        ALTER TABLE domains ADD COLUMN alias_of TEXT COLLATE NOCASE REFERENCES domains(name);
        CREATE INDEX domains_alias_of ON domains(alias_of);
        CREATE TABLE aliases(
            source TEXT NOT NULL COLLATE NOCASE,
            destination TEXT NOT NULL COLLATE NOCASE,
            domain TEXT NOT NULL REFERENCES domains(name),
            created_at TEXT NOT NULL,
            PRIMARY KEY(source, destination)) WITHOUT ROWID;
        CREATE INDEX aliases_domain ON aliases(domain);
        """,
        // Version 3: the sender login check per user and per domain (Postfix
        // smtpd_sender_login_maps with reject_sender_login_mismatch). NULL inherits: user, then
        // domain, then maild.smtp.reject-sender-login-mismatch; 1 on, 0 off. Existing rows
        // read NULL, so an upgraded file behaves as before.
        """
        ALTER TABLE domains ADD COLUMN sender_login_check INTEGER;
        ALTER TABLE users ADD COLUMN sender_login_check INTEGER;
        """,
    ];

    public static int CurrentVersion => Steps.Length;

    /// <summary>Brings the file at <paramref name="db"/> to the current version; idempotent.</summary>
    public static void EnsureCreated(DirectoryDatabase db)
    {
        var folder = Path.GetDirectoryName(db.Path);
        if (!string.IsNullOrEmpty(folder)) System.IO.Directory.CreateDirectory(folder);

        db.Run(connection =>
        {
            // Persistent in the file; lets the server read while the CLI writes.
            // Must run outside a transaction.
            Execute(connection, "PRAGMA journal_mode=WAL;");

            // IMMEDIATE takes the write lock first, so a CLI and a server starting together
            // cannot both see version 0 and both try to create the tables.
            using var tx = connection.BeginTransaction(deferred: false);
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL, applied_at TEXT NOT NULL);");
            var version = Convert.ToInt32(Scalar(connection, "SELECT IFNULL(MAX(version), 0) FROM schema_version;"), CultureInfo.InvariantCulture);
            if (version > CurrentVersion)
                throw new DirectoryException(DirectoryErrorKind.Storage,
                    $"the user database {db.Path} has schema version {version}, newer than this maild understands ({CurrentVersion}); upgrade maild");

            for (; version < CurrentVersion; version++)
            {
                Execute(connection, Steps[version]);
                using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO schema_version(version, applied_at) VALUES ($v, $at);";
                record.Parameters.AddWithValue("$v", version + 1);
                record.Parameters.AddWithValue("$at", Timestamp.Now());
                record.ExecuteNonQuery();
            }
            tx.Commit();
        });
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
