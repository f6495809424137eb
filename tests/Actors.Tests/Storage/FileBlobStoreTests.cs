using System.Text;
using Mail.Actors.Delivery;
using Mail.Actors.Queue;
using Mail.Actors.Storage;

namespace Mail.Actors.Tests.Storage;

/// Bodies in real files: a commit publishes one inode under every owner's name and leaves
/// nothing in the spool, with and without the folder fsync, and a later link (the local queue's
/// copy after a failed append) shares it too.
public sealed class FileBlobStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "maild-blobs-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => System.IO.Directory.Delete(_dir, recursive: true);

    private static byte[] Body(int size) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, size / 10 + 1).Select(i => $"{i,8}\r\n")))[..size];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_commit_publishes_the_body_under_every_id_and_empties_the_spool(bool fsyncFolders)
    {
        var store = new FileBlobStore(_dir, fsyncFolders);
        var queueId = QueueId.New();
        string[] ids = [MessageBlobs.ForMailbox(queueId, 0), MessageBlobs.ForMailbox(queueId, 1), MessageBlobs.ForHop(queueId, "smtp:example.org")];
        var body = Body(100_000);
        using (var incoming = store.Create(queueId))
        {
            incoming.Write(body.AsSpan(0, 60_000));
            incoming.Write(body.AsSpan(60_000));
            Assert.Equal(body.Length, incoming.Length);
            await incoming.CommitAsync(ids);
        }

        foreach (var id in ids)
        {
            Assert.True(store.Exists(id), id);
            Assert.Equal(body, await store.ReadAllAsync(id, TestContext.Current.CancellationToken));
        }
        Assert.Empty(System.IO.Directory.EnumerateFiles(Path.Combine(_dir, "spool")));
        // One inode: a mailbox deleting its copy leaves the others whole.
        store.Delete(ids[0]);
        Assert.False(store.Exists(ids[0]));
        Assert.Equal(body, await store.ReadAllAsync(ids[2], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_link_made_later_shares_the_body_and_a_second_link_is_a_no_op()
    {
        var store = new FileBlobStore(_dir);
        var queueId = QueueId.New();
        var mailboxCopy = MessageBlobs.ForMailbox(queueId, 0);
        var queueCopy = MessageBlobs.ForHop(queueId, NextHop.Local);
        using (var incoming = store.Create(queueId))
        {
            incoming.Write(Body(1024));
            await incoming.CommitAsync([mailboxCopy]);
        }

        await store.LinkAsync(mailboxCopy, queueCopy);
        await store.LinkAsync(mailboxCopy, queueCopy);

        Assert.Equal(Body(1024), await store.ReadAllAsync(queueCopy, TestContext.Current.CancellationToken));
        store.Delete(mailboxCopy);
        Assert.Equal(Body(1024), await store.ReadAllAsync(queueCopy, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_discarded_body_leaves_nothing_and_a_crash_leftover_is_cleaned_at_start()
    {
        var store = new FileBlobStore(_dir);
        var discarded = store.Create(QueueId.New());
        discarded.Write(Body(500));
        discarded.Discard();
        Assert.Empty(System.IO.Directory.EnumerateFiles(Path.Combine(_dir, "spool")));

        // A body cut off mid-DATA by a crash: its spool file is all that is left.
        var cutOff = store.Create(QueueId.New());
        cutOff.Write(Body(500));
        Assert.Equal(1, new FileBlobStore(_dir).CleanSpool());
        cutOff.Dispose();
        Assert.Empty(System.IO.Directory.EnumerateFiles(Path.Combine(_dir, "spool")));
    }
}
