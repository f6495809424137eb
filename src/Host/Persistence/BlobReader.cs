using Microsoft.Data.Sqlite;

namespace Mail.Host.Persistence;

/// <summary>
/// One read connection to blobs.db with its queries prepared once. Not thread-safe: the store
/// lends each to one reader at a time. WAL readers never wait for the writer.
/// </summary>
internal sealed class BlobReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _prepared = [];

    public BlobReader(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
    }

    /// The first column of the first row of <paramref name="sql"/> for this id, or null.
    public object? Scalar(string sql, string blobId)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add(new SqliteParameter { ParameterName = "@id" });
            command.Prepare();
            _prepared[sql] = command;
        }
        command.Parameters[0].Value = blobId;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
            command.Dispose();
        _connection.Dispose();
    }
}
