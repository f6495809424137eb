using System.Data.Common;
using Mail.Host.Configuration;

namespace Mail.Host.Directory;

/// <summary>
/// What differs between the three databases the directory runs on: how a connection is made,
/// the DDL of each schema version, the upsert clause, how a duplicate key and the other
/// failures look, and how writers serialize. Everything else (the statements of
/// DirectoryAdmin, SqlDirectory and AccessTable) is plain SQL all three understand, with
/// @name parameters.
/// </summary>
internal abstract class SqlDialect
{
    public static SqlDialect For(DatabaseSettings database, string sqlitePath) => database.Provider switch
    {
        DatabaseProvider.PostgreSql => new PostgresDialect(database.ConnectionString),
        DatabaseProvider.MySql => new MySqlDialect(database.ConnectionString),
        _ => new SqliteDialect(sqlitePath),
    };

    /// <summary>"the user database /var/lib/maild/directory.db", "the PostgreSQL database maild on db1:5432":
    /// the start of every storage message; never contains the password.</summary>
    public abstract string Description { get; }

    /// <summary>A new, closed connection; server providers take it from their pool on Open.</summary>
    public abstract DbConnection CreateConnection();

    /// <summary>
    /// A cheap way to learn that the directory changed (SQLite's data_version), or null where
    /// there is none: a server database is asked every time.
    /// </summary>
    public virtual SqliteChangeWatch? CreateChangeWatch() => null;

    /// <summary>Per-connection set-up for writers (SQLite's PRAGMAs); nothing on a server.</summary>
    public virtual void PrepareWriter(DbConnection connection) { }

    /// <summary>Before the first connection of a schema check (SQLite's folder); nothing on a server.</summary>
    public virtual void CreateStorage() { }

    /// <summary>Once per schema check, outside any transaction (SQLite's journal_mode=WAL).</summary>
    public virtual void PrepareSchema(DbConnection connection) { }

    /// <summary>
    /// A write transaction. SQLite's is IMMEDIATE (takes the write lock before the first read,
    /// so a count-then-delete cannot race); the servers rely on row locks and foreign keys.
    /// </summary>
    public virtual DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction();

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that no other process creating or
    /// migrating the same schema runs at the same time (two nodes starting together).
    /// </summary>
    public abstract void WithSchemaLock(DbConnection connection, Action work);

    /// <summary>Steps[i] takes the schema from version i to i + 1; one text per version, same numbering everywhere.</summary>
    public abstract IReadOnlyList<string> SchemaSteps { get; }

    /// <summary>The access_rules and access_version tables, created idempotently (see AccessTable).</summary>
    public abstract string AccessTablesDdl { get; }

    /// <summary>The tail of an INSERT that does nothing when <paramref name="key"/> (one column) exists.
    /// SQLite and PostgreSQL share the standard clause; MySQL has its own.</summary>
    public virtual string OnConflictIgnore(string key) => $" ON CONFLICT({key}) DO NOTHING";

    /// <summary>The tail of an INSERT that overwrites <paramref name="columns"/> when the key <paramref name="keys"/> exists.</summary>
    public virtual string OnConflictUpdate(string keys, params string[] columns) =>
        $" ON CONFLICT({keys}) DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = excluded.{c}"))}";

    /// <summary>True for a UNIQUE/PRIMARY KEY violation, which callers report as "already exists".</summary>
    public abstract bool IsDuplicateKey(DbException e);

    /// <summary>A message an admin can act on, naming the database but never the password.</summary>
    public abstract string Explain(Exception e);
}
