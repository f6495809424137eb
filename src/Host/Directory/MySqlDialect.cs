using System.Data.Common;
using MySqlConnector;

namespace Mail.Host.Directory;

/// <summary>
/// The directory in a MySQL or MariaDB database shared by the nodes of a cluster, through
/// MySqlConnector's pool. Keys are VARCHAR (InnoDB cannot index TEXT whole) in utf8mb4_bin:
/// names are stored lower case by AddressSyntax, and an exact comparison is what SQLite's
/// NOCASE and PostgreSQL's TEXT give for them; the default *_ci collations would also
/// equate accented letters, so two distinct UTF-8 addresses could collide.
/// </summary>
internal sealed class MySqlDialect : SqlDialect
{
    private const string SchemaLock = "maild.directory.schema";
    private const string Table = "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    private readonly string _connectionString;

    public MySqlDialect(string connectionString)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            // IgnoreCommandTransaction: the shared statement helpers do not pass the
            // transaction to each command, and a connection has at most one anyway.
            builder = new MySqlConnectionStringBuilder(connectionString) { Pooling = true, IgnoreCommandTransaction = true };
        }
        catch (ArgumentException e)
        {
            throw new DirectoryException(DirectoryErrorKind.Storage,
                $"maild.database.connection-string is not a valid MySQL connection string: {e.Message}");
        }
        _connectionString = builder.ConnectionString;
        Description = $"the MySQL database {builder.Database} on {builder.Server}:{builder.Port} (user {builder.UserID})";
    }

    public override string Description { get; }

    public override DbConnection CreateConnection() => new MySqlConnection(_connectionString);

    public override void WithSchemaLock(DbConnection connection, Action work)
    {
        // DDL commits implicitly in MySQL, so a transaction cannot keep two starting nodes
        // apart; a named lock does (held by the session, released below or when it ends).
        if (Convert.ToInt64(Scalar(connection, $"SELECT GET_LOCK('{SchemaLock}', 60);"), System.Globalization.CultureInfo.InvariantCulture) != 1)
            throw new DirectoryException(DirectoryErrorKind.Storage,
                $"{Description}: another process has been creating the directory tables for a minute; try again");
        try
        {
            using var tx = connection.BeginTransaction();
            work();
            tx.Commit();
        }
        finally
        {
            Scalar(connection, $"SELECT RELEASE_LOCK('{SchemaLock}');");
        }
    }

    public override IReadOnlyList<string> SchemaSteps { get; } =
    [
        // The same versions as SQLite's (see SqliteDialect for what each one adds).
        $"""
        CREATE TABLE domains(
            name VARCHAR(255) NOT NULL PRIMARY KEY,
            created_at VARCHAR(40) NOT NULL) {Table};
        CREATE TABLE users(
            address VARCHAR(320) NOT NULL PRIMARY KEY,
            domain VARCHAR(255) NOT NULL,
            password_hash TEXT NOT NULL,
            created_at VARCHAR(40) NOT NULL,
            INDEX users_domain (domain),
            FOREIGN KEY (domain) REFERENCES domains(name)) {Table};
        """,
        $"""
        ALTER TABLE domains ADD COLUMN alias_of VARCHAR(255) NULL,
            ADD INDEX domains_alias_of (alias_of),
            ADD FOREIGN KEY (alias_of) REFERENCES domains(name);
        CREATE TABLE aliases(
            source VARCHAR(320) NOT NULL,
            destination VARCHAR(320) NOT NULL,
            domain VARCHAR(255) NOT NULL,
            created_at VARCHAR(40) NOT NULL,
            PRIMARY KEY(source, destination),
            INDEX aliases_domain (domain),
            FOREIGN KEY (domain) REFERENCES domains(name)) {Table};
        """,
        """
        ALTER TABLE domains ADD COLUMN sender_login_check INTEGER NULL;
        ALTER TABLE users ADD COLUMN sender_login_check INTEGER NULL;
        """,
    ];

    public override string AccessTablesDdl => $"""
        CREATE TABLE IF NOT EXISTS access_rules(
            kind VARCHAR(16) NOT NULL CHECK (kind IN ('client','helo','sender','recipient')),
            pattern VARCHAR(512) NOT NULL,
            action VARCHAR(8) NOT NULL CHECK (action IN ('OK','REJECT','DEFER')),
            message TEXT,
            created_at VARCHAR(40) NOT NULL,
            PRIMARY KEY (kind, pattern)) {Table};
        CREATE TABLE IF NOT EXISTS access_version(id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL) {Table};
        INSERT INTO access_version(id, version) VALUES (1, 0) ON DUPLICATE KEY UPDATE id = id;
        """;

    // Not INSERT IGNORE: that would also turn a foreign key or a too-long value into a warning.
    public override string OnConflictIgnore(string key) => $" ON DUPLICATE KEY UPDATE {key} = {key}";

    public override string OnConflictUpdate(string keys, params string[] columns) =>
        $" ON DUPLICATE KEY UPDATE {string.Join(", ", columns.Select(c => $"{c} = VALUES({c})"))}";

    public override bool IsDuplicateKey(DbException e) => e is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };

    public override string Explain(Exception e) => e is not MySqlException m
        ? $"{Description} failed: {e.Message}"
        : m.ErrorCode switch
        {
            MySqlErrorCode.AccessDenied =>
                $"{Description} refused the login: wrong user name or password in maild.database.connection-string",
            MySqlErrorCode.DatabaseAccessDenied or MySqlErrorCode.TableAccessDenied =>
                $"{Description}: the user lacks a privilege ({m.Message}); grant it",
            MySqlErrorCode.UnknownDatabase => $"{Description} does not exist; create it (CREATE DATABASE) or fix maild.database.connection-string",
            MySqlErrorCode.UnableToConnectToHost =>
                $"cannot reach {Description}: {m.Message.TrimEnd('.')}; check that the server runs and maild.database.connection-string",
            MySqlErrorCode.ConnectionCountError => $"{Description} has too many connections; try again or raise max_connections",
            MySqlErrorCode.RowIsReferenced2 or MySqlErrorCode.NoReferencedRow2 or MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout =>
                $"{Description} was changed by another process at the same time; try again",
            _ => $"{Description} failed (MySQL error {m.Number}: {m.Message})",
        };

    private static object? Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
