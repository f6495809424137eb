using Microsoft.Data.Sqlite;

namespace Mail.Host.Persistence;

/// <summary>
/// Writes blobs.db, group-committed on a thread of its own like the journal
/// (<see cref="GroupCommitThread{TRequest}"/>): whatever was queued while the last commit and its WAL
/// fsync ran goes out as the next transaction. Twenty sessions finishing DATA at once share one
/// disk flush, where a file per body needs a flush each.
/// </summary>
internal sealed class SqliteBlobWriter : GroupCommitThread<SqliteBlobWriter.Request>
{
    private const int MaxRequestsPerCommit = 500;

    // Free pages handed back to the file system after a commit (4 KiB each): after every
    // commit that deleted rows, and after the following ones until none are left, so a mass
    // expunge is given back in steps instead of stalling the commits behind it.
    private const int VacuumPagesPerCommit = 1024;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _link;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _vacuum;
    private readonly SqliteCommand _freePages;
    private bool _pagesToFree;

    internal abstract record Request;

    private sealed record Insert(IReadOnlyList<string> Ids, byte[] Body) : Request;

    private sealed record Link(string ExistingId, string NewId) : Request;

    private sealed record Delete(string Id) : Request;

    public SqliteBlobWriter(string connectionString) : base("maild-blobs", MaxRequestsPerCommit)
    {
        _connection = BlobDatabase.OpenForWriting(connectionString);
        _insert = Prepare("INSERT INTO blobs (id, body) VALUES (@id, @body);", "@id", "@body");
        // A link to a row that is not there inserts nothing: the caller found the id here first.
        _link = Prepare("INSERT OR IGNORE INTO blobs (id, body) SELECT @new, body FROM blobs WHERE id = @old;", "@new", "@old");
        _delete = Prepare("DELETE FROM blobs WHERE id = @id;", "@id");
        _vacuum = Prepare($"PRAGMA incremental_vacuum({VacuumPagesPerCommit});");
        _freePages = Prepare("PRAGMA freelist_count;");
        Start();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    /// Completes once the body is committed under every id (its WAL frames fsync'd).
    public Task InsertAsync(IReadOnlyList<string> ids, byte[] body) => Enqueue(new Insert(ids, body));

    /// Copies the row of <paramref name="existingId"/> under <paramref name="newId"/> (bodies here are small).
    public Task LinkAsync(string existingId, string newId) => Enqueue(new Link(existingId, newId));

    public Task DeleteAsync(string id) => Enqueue(new Delete(id));

    protected override void Commit(IReadOnlyList<Request> batch)
    {
        var deleted = false;
        using (var transaction = _connection.BeginTransaction(deferred: false))
        {
            foreach (var request in batch)
            {
                switch (request)
                {
                    case Insert insert:
                        _insert.Transaction = transaction;
                        _insert.Parameters[1].Value = insert.Body;
                        foreach (var id in insert.Ids)
                        {
                            _insert.Parameters[0].Value = id;
                            _insert.ExecuteNonQuery();
                        }
                        break;
                    case Link link:
                        _link.Transaction = transaction;
                        _link.Parameters[0].Value = link.NewId;
                        _link.Parameters[1].Value = link.ExistingId;
                        _link.ExecuteNonQuery();
                        break;
                    case Delete delete:
                        _delete.Transaction = transaction;
                        _delete.Parameters[0].Value = delete.Id;
                        deleted |= _delete.ExecuteNonQuery() > 0;
                        break;
                }
            }
            transaction.Commit();
        }
        if (!deleted && !_pagesToFree)
            return;
        try
        {
            _vacuum.ExecuteNonQuery();
            _pagesToFree = Convert.ToInt64(_freePages.ExecuteScalar()) > 0;
        }
        catch (SqliteException)
        {
            // The rows are gone either way; their pages stay free in the file until a later try.
        }
    }

    protected override void Release()
    {
        foreach (var command in new[] { _insert, _link, _delete, _vacuum, _freePages })
            command.Dispose();
        _connection.Dispose();
    }
}
