using System.Text;
using Mail.Actors.Delivery;
using Mail.Actors.Queue;
using Mail.Actors.Storage;
using Mail.Host.Persistence;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mail.Host.Tests.Persistence;

/// Small bodies as rows of a real blobs.db, big ones as real files: what each id reads back,
/// after the store is closed and opened again, and what is left on disk.
public sealed class SqliteBlobStoreTests : IDisposable
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("maild-sqlblobs-").FullName;
    private readonly List<SqliteBlobStore> _open = [];

    public void Dispose()
    {
        _open.ForEach(s => s.Dispose());
        System.IO.Directory.Delete(_dir, recursive: true);
    }

    private string DatabasePath => Path.Combine(_dir, "blobs.db");

    private SqliteBlobStore Open(int limit = 128 * 1024)
    {
        var store = new SqliteBlobStore(new FileBlobStore(_dir), DatabasePath, limit);
        _open.Add(store);
        return store;
    }

    private void Close(SqliteBlobStore store)
    {
        store.Dispose();
        _open.Remove(store);
    }

    private static byte[] Body(int size, int seed = 0) =>
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(seed, size / 10 + 1).Select(i => $"{i,8}\r\n")))[..size];

    private static async Task<string[]> Commit(IBlobStore store, byte[] body, int owners = 1, int chunk = 4096)
    {
        var queueId = QueueId.New();
        var ids = Enumerable.Range(0, owners).Select(n => MessageBlobs.ForMailbox(queueId, n)).ToArray();
        using var incoming = store.Create(queueId);
        for (var at = 0; at < body.Length; at += chunk)
            incoming.Write(body.AsSpan(at, Math.Min(chunk, body.Length - at)));
        Assert.Equal(body.Length, incoming.Length);
        await incoming.CommitAsync(ids);
        return ids;
    }

    private long Rows(string? id = null)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = id is null ? "SELECT count(*) FROM blobs" : "SELECT count(*) FROM blobs WHERE id = @id";
        if (id is not null)
            count.Parameters.AddWithValue("@id", id);
        return (long)count.ExecuteScalar()!;
    }

    private IEnumerable<string> FilesUnder(string folder) =>
        System.IO.Directory.Exists(Path.Combine(_dir, folder))
            ? System.IO.Directory.EnumerateFiles(Path.Combine(_dir, folder), "*", SearchOption.AllDirectories)
            : [];

    [Fact]
    public async Task A_small_body_is_a_row_under_every_id_and_reads_back_after_a_reopen()
    {
        var store = Open();
        var body = Body(1345);
        var ids = await Commit(store, body, owners: 3, chunk: 100);

        Assert.Equal(3, Rows());
        Assert.Empty(FilesUnder("blobs"));
        Assert.Empty(FilesUnder("spool"));
        Close(store);

        var reopened = Open();
        foreach (var id in ids)
        {
            Assert.True(reopened.Exists(id), id);
            Assert.Equal(body, await reopened.ReadAllAsync(id, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task A_body_that_grows_past_the_limit_becomes_a_file_with_the_bytes_received_so_far()
    {
        var store = Open(limit: 10_000);
        var body = Body(25_000);
        var ids = await Commit(store, body, owners: 2, chunk: 3000);

        Assert.Equal(0, Rows());
        Assert.Equal(2, FilesUnder("blobs").Count());
        Assert.Empty(FilesUnder("spool"));
        foreach (var id in ids)
            Assert.Equal(body, await store.ReadAllAsync(id, TestContext.Current.CancellationToken));

        // Exactly at the limit it is still a row.
        var atLimit = await Commit(store, Body(10_000), chunk: 10_000);
        Assert.Equal(1, Rows(atLimit[0]));
    }

    [Fact]
    public async Task A_deleted_id_is_gone_at_once_and_after_a_reopen_and_the_other_owners_keep_theirs()
    {
        var store = Open();
        var body = Body(2000);
        var ids = await Commit(store, body, owners: 2);

        store.Delete(ids[0]);
        Assert.False(store.Exists(ids[0]));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.ReadAllAsync(ids[0], TestContext.Current.CancellationToken));
        Assert.Equal(body, await store.ReadAllAsync(ids[1], TestContext.Current.CancellationToken));
        store.Delete(ids[0]); // deletes are retried after crashes: a second one is no error
        Close(store);

        Assert.Equal(0, Rows(ids[0]));
        Assert.Equal(1, Rows(ids[1]));
    }

    [Fact]
    public async Task Space_of_deleted_bodies_goes_back_to_the_file_system()
    {
        var store = Open();
        var ids = new List<string>();
        for (var i = 0; i < 100; i++)
            ids.AddRange(await Commit(store, Body(20_000, seed: i)));
        Checkpoint();
        var before = new FileInfo(DatabasePath).Length;
        foreach (var id in ids)
            store.Delete(id);
        Close(store); // waits for the queued deletes
        Checkpoint();

        Assert.Equal(0, Rows());
        Assert.True(new FileInfo(DatabasePath).Length < before / 4, $"{new FileInfo(DatabasePath).Length} of {before} bytes left, {Pragma("freelist_count")} free pages");
    }

    private long Pragma(string name)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA {name};";
        return (long)pragma.ExecuteScalar()!;
    }

    // Copies the WAL into the main file and truncates it, so the main file's size is the database's.
    private void Checkpoint()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
    }

    [Fact]
    public async Task A_link_copies_a_row_or_links_a_file_and_a_second_link_changes_nothing()
    {
        var store = Open(limit: 5000);
        var small = Body(1000, seed: 1);
        var big = Body(9000, seed: 2);
        var smallIds = await Commit(store, small);
        var bigIds = await Commit(store, big);
        var queueId = QueueId.New();
        var smallCopy = MessageBlobs.ForHop(queueId, NextHop.Local);
        var bigCopy = MessageBlobs.ForHop(QueueId.New(), NextHop.Local);

        await store.LinkAsync(smallIds[0], smallCopy);
        await store.LinkAsync(bigIds[0], bigCopy);
        await store.LinkAsync(smallIds[0], smallCopy);

        Assert.Equal(1, Rows(smallCopy));
        Assert.Equal(2, FilesUnder("blobs").Count());
        Assert.Equal(small, await store.ReadAllAsync(smallCopy, TestContext.Current.CancellationToken));
        Assert.Equal(big, await store.ReadAllAsync(bigCopy, TestContext.Current.CancellationToken));
        // The copy outlives the original.
        store.Delete(smallIds[0]);
        Assert.Equal(small, await store.ReadAllAsync(smallCopy, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Bodies_stored_as_files_before_stay_readable_and_deletable()
    {
        var files = new FileBlobStore(_dir);
        var body = Body(1500);
        var ids = await Commit(files, body);

        var store = Open();
        Assert.True(store.Exists(ids[0]));
        Assert.Equal(body, await store.ReadAllAsync(ids[0], TestContext.Current.CancellationToken));
        store.Delete(ids[0]);
        Assert.False(store.Exists(ids[0]));
        Assert.Empty(FilesUnder("blobs"));
    }

    [Fact]
    public void A_discarded_body_leaves_neither_a_row_nor_a_spool_file()
    {
        var store = Open(limit: 1000);
        foreach (var size in new[] { 500, 5000 })
        {
            using var incoming = store.Create(QueueId.New());
            incoming.Write(Body(size));
            incoming.Discard();
            Assert.Throws<ObjectDisposedException>(() => incoming.Write(Body(10)));
        }
        Assert.Equal(0, Rows());
        Assert.Empty(FilesUnder("spool"));
        Assert.Empty(FilesUnder("blobs"));
    }

    [Fact]
    public async Task A_sidecar_works_for_a_body_kept_as_a_row()
    {
        var store = Open();
        var ids = await Commit(store, Body(800));

        Assert.Null(await store.ReadSidecarAsync(ids[0], TestContext.Current.CancellationToken));
        await store.WriteSidecarAsync(ids[0], [1, 2, 3]);
        Assert.Equal([1, 2, 3], await store.ReadSidecarAsync(ids[0], TestContext.Current.CancellationToken));
        store.Delete(ids[0]);
        Assert.Null(await store.ReadSidecarAsync(ids[0], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Many_sessions_committing_at_once_each_get_their_own_body_back()
    {
        var store = Open();
        var committed = await Task.WhenAll(Enumerable.Range(0, 40).Select(writer => Task.Run(async () =>
        {
            var mine = new List<(string Id, byte[] Body)>();
            for (var n = 0; n < 25; n++)
            {
                var body = Body(300 + writer * 25 + n, seed: writer * 1000 + n);
                mine.Add(((await Commit(store, body))[0], body));
            }
            return mine;
        })));
        Close(store);

        var reopened = Open();
        Assert.Equal(1000, Rows());
        foreach (var (id, body) in committed.SelectMany(m => m))
            Assert.Equal(body, await reopened.ReadAllAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_id_committed_twice_fails_that_commit_only()
    {
        var store = Open();
        var ids = await Commit(store, Body(100));
        var others = Enumerable.Range(0, 10).Select(_ => Commit(store, Body(200))).ToList();
        using var again = store.Create(QueueId.New());
        again.Write(Body(100, seed: 5));

        await Assert.ThrowsAsync<SqliteException>(() => again.CommitAsync(ids));
        foreach (var other in others)
            Assert.Equal(Body(200), await store.ReadAllAsync((await other)[0], TestContext.Current.CancellationToken));
        Assert.Equal(Body(100), await store.ReadAllAsync(ids[0], TestContext.Current.CancellationToken));
    }
}
