using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Mail.Host.Persistence;

/// <summary>
/// Writes journal rows on one thread of its own, group-committed: whatever was queued while
/// the last commit (and its WAL fsync) ran goes out as the next transaction, with one prepared
/// INSERT. SQLite has one writer at a time anyway, so a single connection loses nothing and
/// never waits on a lock; the commit blocks only this thread, never the actors' pool.
/// </summary>
internal sealed class SqliteJournalWriter : IDisposable
{
    private const int MaxRowsPerCommit = 500;

    private readonly BlockingCollection<Request> _queue = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly Thread _thread;

    private sealed record Request(IReadOnlyList<JournalRecord> Rows, TaskCompletionSource Done);

    public SqliteJournalWriter(string connectionString)
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
        _thread = new Thread(Run) { IsBackground = true, Name = "maild-journal" };
        _thread.Start();
    }

    /// Completes once the rows are committed (their WAL frames fsync'd), or fails with the
    /// reason; rows of one call are all written or none.
    public Task WriteAsync(IReadOnlyList<JournalRecord> rows)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _queue.Add(new Request(rows, done));
        }
        catch (InvalidOperationException)
        {
            done.SetException(new ObjectDisposedException(nameof(SqliteJournalWriter), "the journal is stopping"));
        }
        return done.Task;
    }

    private void Run()
    {
        var batch = new List<Request>();
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Clear();
            batch.Add(first);
            var rows = first.Rows.Count;
            while (rows < MaxRowsPerCommit && _queue.TryTake(out var more))
            {
                batch.Add(more);
                rows += more.Rows.Count;
            }
            try
            {
                Commit(batch);
                foreach (var r in batch)
                    r.Done.TrySetResult();
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One bad request (a sequence number written twice) must not fail the others.
                foreach (var r in batch)
                    CommitAlone(r);
            }
            catch (Exception e)
            {
                first.Done.TrySetException(e);
            }
        }
    }

    private void CommitAlone(Request request)
    {
        try
        {
            Commit([request]);
            request.Done.TrySetResult();
        }
        catch (Exception e)
        {
            request.Done.TrySetException(e);
        }
    }

    private void Commit(IReadOnlyList<Request> batch)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _insert.Transaction = transaction;
        var p = _insert.Parameters;
        foreach (var request in batch)
        {
            foreach (var row in request.Rows)
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

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(30));
        _insert.Dispose();
        _connection.Dispose();
    }
}
