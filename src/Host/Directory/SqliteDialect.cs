using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Mail.Host.Directory;

/// <summary>
/// The directory in one SQLite file (a single node). Its schema steps are the ones released
/// before the server databases existed and must never change: existing files were made by them.
/// </summary>
/// <remarks>
/// One connection per operation, taken from Microsoft.Data.Sqlite's pool: a
/// SqliteConnection is not thread-safe, and the pool makes the open nearly free (the
/// native handle stays open). journal_mode=WAL is stored in the file, so it is set once
/// by the schema; the other PRAGMAs are per connection and set on every writer's open.
/// </remarks>
internal sealed class SqliteDialect : SqlDialect
{
    private const int BusyTimeoutMs = 5000;
    private readonly string _connectionString;

    public SqliteDialect(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY up to the command timeout on top
            // of busy_timeout; keep both at the same 5 s.
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
    }

    /// <summary>Absolute path of the database file.</summary>
    public string Path { get; }

    public override string Description => $"the user database {Path}";

    public override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    public override SqliteChangeWatch CreateChangeWatch() => new(_connectionString);

    public override void PrepareWriter(DbConnection connection) =>
        // FULL: a user added by the CLI survives a power cut right after "ok".
        Sql.Execute(connection, $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={BusyTimeoutMs};");

    public override void CreateStorage()
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder)) System.IO.Directory.CreateDirectory(folder);
    }

    public override void PrepareSchema(DbConnection connection) =>
        // Persistent in the file; lets the server read while the CLI writes. Must run outside a transaction.
        Sql.Execute(connection, "PRAGMA journal_mode=WAL;");

    public override DbTransaction BeginWrite(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override void WithSchemaLock(DbConnection connection, Action work)
    {
        // IMMEDIATE takes the write lock first, so a CLI and a server starting together
        // cannot both see version 0 and both try to create the tables.
        using var tx = BeginWrite(connection);
        work();
        tx.Commit();
    }

    public override IReadOnlyList<string> SchemaSteps { get; } =
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

    public override string AccessTablesDdl => """
        CREATE TABLE IF NOT EXISTS access_rules(
            kind TEXT NOT NULL CHECK (kind IN ('client','helo','sender','recipient')),
            pattern TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('OK','REJECT','DEFER')),
            message TEXT,
            created_at TEXT NOT NULL,
            PRIMARY KEY (kind, pattern));
        CREATE TABLE IF NOT EXISTS access_version(id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
        INSERT OR IGNORE INTO access_version(id, version) VALUES (1, 0);
        """;

    public override bool IsDuplicateKey(DbException e) =>
        e is SqliteException { SqliteExtendedErrorCode: 1555 /* CONSTRAINT_PRIMARYKEY */ or 2067 /* CONSTRAINT_UNIQUE */ };

    public override string Explain(Exception e) => e is not SqliteException s
        ? $"{Description} failed: {e.Message}"
        // Primary result code = low byte of the extended code.
        : (s.SqliteErrorCode & 0xff) switch
        {
            5 or 6 => $"{Description} is locked by another process; try again",
            8 => $"{Description} is read-only; check its permissions and those of its folder",
            10 or 13 => $"cannot write {Description}: disk I/O error or disk full",
            11 or 26 => $"{Path} is not a maild user database or is damaged",
            14 => $"cannot open {Description}; check that its folder exists and is writable",
            _ => $"{Description} failed (SQLite error {s.SqliteExtendedErrorCode})",
        };
}
