using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace Mail.Host.Directory;

/// <summary>
/// The directory in a PostgreSQL database shared by the nodes of a cluster. Connections come
/// from Npgsql's pool (one per connection string, shared by every object of the process).
/// Names are stored lower case by AddressSyntax, so an exact comparison is the same as
/// SQLite's NOCASE for every row maild writes; the keys are COLLATE "C" so that they also sort
/// as on SQLite and MySQL (byte order), whatever the database's locale.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    // Any constant: pg_advisory_xact_lock takes a bigint key, released at commit or rollback.
    private const long SchemaLockKey = 0x6d61696c64; // "maild"
    private readonly string _connectionString;

    public PostgresDialect(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = true };
        }
        catch (ArgumentException e)
        {
            throw new DirectoryException(DirectoryErrorKind.Storage,
                $"maild.database.connection-string is not a valid PostgreSQL connection string: {e.Message}");
        }
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "maild";
        _connectionString = builder.ConnectionString;
        var database = string.IsNullOrEmpty(builder.Database) ? builder.Username : builder.Database;
        Description = $"the PostgreSQL database {database} on {builder.Host}:{builder.Port} (user {builder.Username})";
    }

    public override string Description { get; }

    public override DbConnection CreateConnection() => new NpgsqlConnection(_connectionString);

    public override void WithSchemaLock(DbConnection connection, Action work)
    {
        // DDL is transactional here: a failed step leaves the database at the previous version.
        using var tx = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT pg_advisory_xact_lock({SchemaLockKey});";
            command.ExecuteNonQuery();
        }
        work();
        tx.Commit();
    }

    public override IReadOnlyList<string> SchemaSteps { get; } =
    [
        // The same versions as SQLite's (see SqliteDialect for what each one adds).
        """
        CREATE TABLE domains(
            name TEXT COLLATE "C" PRIMARY KEY,
            created_at TEXT NOT NULL);
        CREATE TABLE users(
            address TEXT COLLATE "C" PRIMARY KEY,
            domain TEXT COLLATE "C" NOT NULL REFERENCES domains(name),
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE INDEX users_domain ON users(domain);
        """,
        """
        ALTER TABLE domains ADD COLUMN alias_of TEXT COLLATE "C" REFERENCES domains(name);
        CREATE INDEX domains_alias_of ON domains(alias_of);
        CREATE TABLE aliases(
            source TEXT COLLATE "C" NOT NULL,
            destination TEXT COLLATE "C" NOT NULL,
            domain TEXT COLLATE "C" NOT NULL REFERENCES domains(name),
            created_at TEXT NOT NULL,
            PRIMARY KEY(source, destination));
        CREATE INDEX aliases_domain ON aliases(domain);
        """,
        """
        ALTER TABLE domains ADD COLUMN sender_login_check INTEGER;
        ALTER TABLE users ADD COLUMN sender_login_check INTEGER;
        """,
    ];

    public override string AccessTablesDdl => """
        CREATE TABLE IF NOT EXISTS access_rules(
            kind TEXT NOT NULL CHECK (kind IN ('client','helo','sender','recipient')),
            pattern TEXT COLLATE "C" NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('OK','REJECT','DEFER')),
            message TEXT,
            created_at TEXT NOT NULL,
            PRIMARY KEY (kind, pattern));
        CREATE TABLE IF NOT EXISTS access_version(id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
        INSERT INTO access_version(id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
        """;

    public override bool IsDuplicateKey(DbException e) => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override string Explain(Exception e) => e switch
    {
        PostgresException p => p.SqlState switch
        {
            PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
                $"{Description} refused the login: wrong user name or password in maild.database.connection-string",
            PostgresErrorCodes.InvalidCatalogName => $"{Description} does not exist; create it (createdb) or fix maild.database.connection-string",
            PostgresErrorCodes.InsufficientPrivilege => $"{Description}: the user lacks a privilege ({p.MessageText}); grant it or use the owner",
            PostgresErrorCodes.TooManyConnections => $"{Description} has too many connections; try again or raise max_connections",
            PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow =>
                $"{Description} is shutting down or starting up; try again",
            PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected =>
                $"{Description} was changed by another process at the same time; try again",
            _ => $"{Description} failed (PostgreSQL error {p.SqlState}: {p.MessageText})",
        },
        NpgsqlException { InnerException: SocketException s } =>
            $"cannot reach {Description}: {s.Message}; check that the server runs and maild.database.connection-string",
        NpgsqlException { InnerException: TimeoutException } =>
            $"cannot reach {Description}: timed out; check that the server runs and maild.database.connection-string",
        _ => $"{Description} failed: {e.Message}",
    };
}
