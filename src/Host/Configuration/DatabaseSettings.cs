using Akka.Configuration;

namespace Mail.Host.Configuration;

/// Which SQL server holds the journal, the snapshots and the directory.
public enum DatabaseProvider
{
    /// Files in the data folder (journal.db, directory.db): one node only.
    Sqlite,
    /// A PostgreSQL server shared by every node of a cluster.
    PostgreSql,
    /// A MySQL or MariaDB server (the classic stack's database), through MySqlConnector.
    MySql,
}

/// <summary>
/// `maild.database`: the provider and, for a server database, its connection string. SQLite
/// needs no connection string: its files follow `maild.data-dir`.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings Sqlite { get; } = new(DatabaseProvider.Sqlite, "");

    public bool IsShared => Provider != DatabaseProvider.Sqlite;

    /// The linq2db provider name Akka.Persistence.Sql needs for this database.
    public string LinqToDbProvider => Provider switch
    {
        DatabaseProvider.PostgreSql => "PostgreSQL.15",
        DatabaseProvider.MySql => "MySqlConnector",
        _ => "SQLite.MS",
    };

    /// <summary>
    /// The connection string Akka.Persistence.Sql gets for the journal and snapshots. On MySQL its
    /// table set-up uses a user variable (@akka_journal_setup), which MySqlConnector refuses as an
    /// undefined parameter unless Allow User Variables is on.
    /// </summary>
    public string JournalConnectionString => Provider == DatabaseProvider.MySql
        ? ConnectionString.TrimEnd(';', ' ') + ";Allow User Variables=true"
        : ConnectionString;

    public static DatabaseSettings From(Config maild)
    {
        var provider = maild.GetString("database.provider")?.Trim().ToLowerInvariant() switch
        {
            "sqlite" or "" or null => DatabaseProvider.Sqlite,
            "postgresql" or "postgres" => DatabaseProvider.PostgreSql,
            "mysql" or "mariadb" => DatabaseProvider.MySql,
            var other => throw new ConfigException($"maild.database.provider: '{other}' is not sqlite, postgresql or mysql"),
        };
        var connection = maild.GetString("database.connection-string")?.Trim() ?? "";
        if (provider != DatabaseProvider.Sqlite && connection.Length == 0)
            throw new ConfigException($"maild.database.connection-string: {provider} needs a connection string (Host=...;Database=...;Username=...;Password=...)");
        return new DatabaseSettings(provider, provider == DatabaseProvider.Sqlite ? "" : connection);
    }

    /// The connection string without its password, for logs and `maild config show`.
    public string Redacted => Redact(ConnectionString);

    /// <paramref name="connectionString"/> with any Password=/Pwd= value replaced by ***.
    public static string Redact(string connectionString) => System.Text.RegularExpressions.Regex.Replace(
        connectionString, @"(?i)(password|pwd)\s*=\s*[^;]*", "$1=***");
}
