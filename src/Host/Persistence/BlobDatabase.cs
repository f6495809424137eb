using Microsoft.Data.Sqlite;

namespace Mail.Host.Persistence;

/// <summary>
/// The SQLite file that holds small message bodies (blobs.db beside blobs/): one row per blob
/// id. WAL mode with synchronous=FULL, so a commit returns once its WAL frames are fsync'd;
/// incremental auto-vacuum, so the space of deleted mail goes back to the file system after
/// the commits that deleted it (<see cref="SqliteBlobWriter"/>), instead of waiting for a VACUUM.
/// </summary>
internal static class BlobDatabase
{
    // auto_vacuum only takes effect on an empty file, so it comes before the table.
    private const string Ddl = """
        PRAGMA auto_vacuum=INCREMENTAL;
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS blobs (id TEXT NOT NULL PRIMARY KEY, body BLOB NOT NULL);
        """;

    public static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    /// The writer's connection: creates the file and table when missing.
    public static SqliteConnection OpenForWriting(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Ddl + "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
        return connection;
    }
}
