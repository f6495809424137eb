using Microsoft.Data.Sqlite;

namespace Mail.Host.Directory;

/// <summary>
/// Opens connections to the directory file and turns SQLite failures into
/// DirectoryExceptions an admin can act on. Shared by the CLI (DirectoryAdmin) and the
/// server (SqliteDirectory), which may use the same file at the same time.
/// </summary>
/// <remarks>
/// One connection per operation, taken from Microsoft.Data.Sqlite's pool: a
/// SqliteConnection is not thread-safe, and the pool makes the open nearly free (the
/// native handle stays open). journal_mode=WAL is stored in the file, so it is set once
/// by the schema; the other PRAGMAs are per connection and set on every open.
/// </remarks>
internal sealed class DirectoryDatabase
{
    private const int BusyTimeoutMs = 5000;
    private readonly string _connectionString;

    public DirectoryDatabase(string path)
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

    /// <summary>Absolute path of the database file, for messages.</summary>
    public string Path { get; }

    public SqliteConnection Open() => Open(forWriting: true);

    /// <summary>
    /// A connection for lookups on the RCPT TO and login paths. The PRAGMAs only matter to
    /// writers (synchronous) or are covered by the command timeout's own SQLITE_BUSY retries,
    /// and in WAL mode readers do not wait for writers: skipping them halves the statements
    /// each lookup runs.
    /// </summary>
    public T Read<T>(Func<SqliteConnection, T> work) => Run(work, forWriting: false);

    private SqliteConnection Open(bool forWriting)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            if (!forWriting)
                return connection;
            using var pragmas = connection.CreateCommand();
            // FULL: a user added by the CLI survives a power cut right after "ok".
            pragmas.CommandText = $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={BusyTimeoutMs};";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> on a fresh connection, translating storage errors.</summary>
    public T Run<T>(Func<SqliteConnection, T> work) => Run(work, forWriting: true);

    private T Run<T>(Func<SqliteConnection, T> work, bool forWriting)
    {
        try
        {
            using var connection = Open(forWriting);
            return work(connection);
        }
        catch (SqliteException e)
        {
            throw Translate(e);
        }
    }

    public void Run(Action<SqliteConnection> work) => Run(c => { work(c); return 0; });

    /// <summary>True for a UNIQUE/PRIMARY KEY violation, which callers report as "already exists".</summary>
    public static bool IsDuplicateKey(SqliteException e) =>
        e.SqliteExtendedErrorCode is 1555 /* CONSTRAINT_PRIMARYKEY */ or 2067 /* CONSTRAINT_UNIQUE */;

    private DirectoryException Translate(SqliteException e)
    {
        // Primary result code = low byte of the extended code.
        var message = (e.SqliteErrorCode & 0xff) switch
        {
            5 or 6 => $"the user database {Path} is locked by another process; try again",
            8 => $"the user database {Path} is read-only; check its permissions and those of its folder",
            10 or 13 => $"cannot write the user database {Path}: disk I/O error or disk full",
            11 or 26 => $"{Path} is not a maild user database or is damaged",
            14 => $"cannot open the user database {Path}; check that its folder exists and is writable",
            _ => $"the user database {Path} failed (SQLite error {e.SqliteExtendedErrorCode})",
        };
        return new DirectoryException(DirectoryErrorKind.Storage, message, e);
    }
}
