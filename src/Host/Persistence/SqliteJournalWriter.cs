using Microsoft.Data.Sqlite;

namespace Mail.Host.Persistence;

/// <summary>
/// Writes journal rows, group-committed on a thread of its own (<see cref="GroupCommitThread{TRequest}"/>)
/// with one prepared INSERT.
/// </summary>
internal sealed class SqliteJournalWriter : GroupCommitThread<IReadOnlyList<JournalRecord>>
{
    private const int MaxRowsPerCommit = 500;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;

    public SqliteJournalWriter(string connectionString) : base("maild-journal", MaxRowsPerCommit)
    {
        _connection = JournalSchema.Open(connectionString);
        _insert = _connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
            VALUES (@created, 0, @pid, @seq, @message, @manifest, @identifier, @writer);
            """;
        foreach (var name in new[] { "@created", "@pid", "@seq", "@message", "@manifest", "@identifier", "@writer" })
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        _insert.Prepare();
        Start();
    }

    /// Completes once the rows are committed (their WAL frames fsync'd), or fails with the
    /// reason; rows of one call are all written or none.
    public Task WriteAsync(IReadOnlyList<JournalRecord> rows) => Enqueue(rows);

    protected override int Weight(IReadOnlyList<JournalRecord> rows) => rows.Count;

    protected override void Commit(IReadOnlyList<IReadOnlyList<JournalRecord>> batch)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _insert.Transaction = transaction;
        var p = _insert.Parameters;
        foreach (var rows in batch)
        {
            foreach (var row in rows)
            {
                p[0].Value = row.Created;
                p[1].Value = row.PersistenceId;
                p[2].Value = row.SequenceNr;
                p[3].Value = row.Message;
                p[4].Value = row.Manifest;
                p[5].Value = row.SerializerId;
                p[6].Value = row.WriterUuid;
                _insert.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }

    protected override void Release()
    {
        _insert.Dispose();
        _connection.Dispose();
    }
}
