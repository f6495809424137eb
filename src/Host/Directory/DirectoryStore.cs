using Mail.Actors.Directory;
using Mail.Host.Configuration;
using Mail.Host.Access;

namespace Mail.Host.Directory;

/// <summary>
/// The one way the rest of maild reaches the directory: the configured database
/// (`maild.database`: the SQLite file in the data folder, or a PostgreSQL or MySQL server
/// shared by a cluster), and the admin, lookup and access-rule views over it. Each view
/// creates or migrates the schema when it is made, so any of them works on an empty database.
/// </summary>
public sealed class DirectoryStore
{
    private DirectoryStore(SqlDialect dialect) => Database = new DirectoryDatabase(dialect);

    internal DirectoryDatabase Database { get; }

    /// <summary>The database `maild serve` and the CLI use with <paramref name="settings"/>.</summary>
    public static DirectoryStore For(MaildSettings settings) => For(settings.Database, settings.DirectoryDatabase);

    /// <summary><paramref name="sqlitePath"/> is used only when the provider is SQLite.
    /// Throws DirectoryException (Storage) for a connection string the provider cannot parse.</summary>
    public static DirectoryStore For(DatabaseSettings database, string sqlitePath) => new(SqlDialect.For(database, sqlitePath));

    public static DirectoryStore Sqlite(string path) => new(new SqliteDialect(path));

    /// <summary>"the user database /path/directory.db", "the PostgreSQL database maild on db:5432 (user maild)":
    /// for messages and logs, never with the password.</summary>
    public string Description => Database.Description;

    public DirectoryAdmin Admin(AliasPolicy? policy = null) => new(this, policy);

    public SqlDirectory Directory(AliasPolicy? policy = null) => new(this, policy);

    public AccessTable AccessTable() => new(this);
}
