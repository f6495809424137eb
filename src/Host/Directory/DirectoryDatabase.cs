using System.Data.Common;

namespace Mail.Host.Directory;

/// <summary>
/// Opens connections to the directory (a SQLite file or a server database, see
/// <see cref="SqlDialect"/>) and turns storage failures into DirectoryExceptions an admin can
/// act on. Shared by the CLI (DirectoryAdmin) and the server (SqlDirectory), which may use
/// the same database at the same time. One pooled connection per operation: connections
/// are not thread-safe, and every provider's pool makes the open nearly free.
/// </summary>
internal sealed class DirectoryDatabase(SqlDialect dialect)
{
    public SqlDialect Dialect { get; } = dialect;

    // Opened at the first ChangeVersion() (the server's lookups), kept for the process's life;
    // a failed open is tried again next time (PublicationOnly does not keep the exception).
    private readonly Lazy<SqliteChangeWatch?> _watch = new(dialect.CreateChangeWatch, LazyThreadSafetyMode.PublicationOnly);

    /// <summary>
    /// A number that stays the same while nobody changes the directory, or null where the
    /// database has no such cheap counter (PostgreSQL, MySQL): what a lookup cache is keyed on.
    /// </summary>
    public long? ChangeVersion()
    {
        try
        {
            return _watch.Value?.Version();
        }
        catch (DbException e)
        {
            throw new DirectoryException(DirectoryErrorKind.Storage, Dialect.Explain(e), e);
        }
    }

    /// <summary>What the database is, for messages; never contains a password.</summary>
    public string Description => Dialect.Description;

    /// <summary>
    /// A connection for lookups on the RCPT TO and login paths, without the writer set-up
    /// (SQLite's synchronous and busy_timeout PRAGMAs only matter to writers, and in WAL mode
    /// readers do not wait for writers): it halves the statements each lookup runs.
    /// </summary>
    public T Read<T>(Func<DbConnection, T> work) => Run(work, forWriting: false);

    /// <summary>Runs <paramref name="work"/> on a fresh connection, translating storage errors.</summary>
    public T Run<T>(Func<DbConnection, T> work) => Run(work, forWriting: true);

    public void Run(Action<DbConnection> work) => Run(c => { work(c); return 0; });

    /// <summary>A write transaction (see <see cref="SqlDialect.BeginWrite"/>).</summary>
    public DbTransaction BeginWrite(DbConnection connection) => Dialect.BeginWrite(connection);

    public bool IsDuplicateKey(DbException e) => Dialect.IsDuplicateKey(e);

    private T Run<T>(Func<DbConnection, T> work, bool forWriting)
    {
        try
        {
            using var connection = Dialect.CreateConnection();
            connection.Open();
            if (forWriting) Dialect.PrepareWriter(connection);
            return work(connection);
        }
        catch (DbException e)
        {
            throw new DirectoryException(DirectoryErrorKind.Storage, Dialect.Explain(e), e);
        }
        catch (Exception e) when (e is TimeoutException or System.Net.Sockets.SocketException or IOException)
        {
            // Not every provider wraps a network failure in its DbException.
            throw new DirectoryException(DirectoryErrorKind.Storage, Dialect.Explain(e), e);
        }
    }
}
