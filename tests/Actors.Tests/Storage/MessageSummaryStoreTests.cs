using System.Text;
using Mail.Actors.Storage;

namespace Mail.Actors.Tests.Storage;

/// The IMAP summary is parsed once and kept beside the body in real files; a damaged sidecar is derived again.
public sealed class MessageSummaryStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "maild-sum-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FileBlobStore _blobs;

    public MessageSummaryStoreTests() => _blobs = new FileBlobStore(_dir);

    public void Dispose() => System.IO.Directory.Delete(_dir, recursive: true);

    private async Task<string> StoreAsync(string text)
    {
        var queueId = QueueId.New();
        var blobId = queueId + ".0";
        using var incoming = _blobs.Create(queueId);
        incoming.Write(Encoding.ASCII.GetBytes(text));
        await incoming.CommitAsync([blobId]);
        return blobId;
    }

    [Fact]
    public async Task A_summary_is_kept_as_a_sidecar_and_read_back_by_a_new_store()
    {
        var blobId = await StoreAsync("Subject: hello\r\nFrom: a@b.test\r\n\r\nbody\r\n");
        var first = await new MessageSummaryStore(_blobs).GetAsync(blobId, null, TestContext.Current.CancellationToken);
        Assert.Equal("hello", first.Subject);
        Assert.NotNull(await _blobs.ReadSidecarAsync(blobId, TestContext.Current.CancellationToken));

        var again = await new MessageSummaryStore(_blobs).GetAsync(blobId, null, TestContext.Current.CancellationToken);
        Assert.Equal(first.EnvelopeText, again.EnvelopeText);
        Assert.Equal(first.BodyStructureText, again.BodyStructureText);
    }

    [Fact]
    public async Task A_damaged_sidecar_is_derived_again_and_deleting_the_blob_removes_it()
    {
        var blobId = await StoreAsync("Subject: x\r\n\r\ny\r\n");
        await _blobs.WriteSidecarAsync(blobId, [9, 9, 9]);
        var summary = await new MessageSummaryStore(_blobs).GetAsync(blobId, null, TestContext.Current.CancellationToken);
        Assert.Equal("x", summary.Subject);

        _blobs.Delete(blobId);
        Assert.Null(await _blobs.ReadSidecarAsync(blobId, TestContext.Current.CancellationToken));
        Assert.False(_blobs.Exists(blobId));
    }
}
