using Microsoft.Data.Sqlite;

namespace Mail.Host.Directory;

/// <summary>
/// Tells whether anyone changed the directory file since the last look, for a few microseconds:
/// SQLite's <c>PRAGMA data_version</c> on one connection of its own changes whenever another
/// connection, in this process or another (<c>maild user add</c>), commits to the file. The
/// connection only ever runs this statement, prepared once, so it never holds a read
/// transaction that would keep the WAL from being checkpointed.
/// </summary>
internal sealed class SqliteChangeWatch : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _dataVersion;

    public SqliteChangeWatch(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _dataVersion = _connection.CreateCommand();
        _dataVersion.CommandText = "PRAGMA data_version;";
        _dataVersion.Prepare();
    }

    /// A number that differs from the last one read whenever the file was changed in between.
    public long Version()
    {
        lock (_lock)
            return (long)_dataVersion.ExecuteScalar()!;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _dataVersion.Dispose();
            _connection.Dispose();
        }
    }
}
