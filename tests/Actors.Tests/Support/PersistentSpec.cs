using Akka.Actor;
using Akka.Configuration;
using Mail.Actors.Storage;
using Xunit;

namespace Mail.Actors.Tests.Support;

/// <summary>
/// An actor system whose journal and snapshot store are Akka.Persistence.Sql on a SQLite file
/// in a temp folder, with a <see cref="FileBlobStore"/> in the same folder.
/// </summary>
public abstract class PersistentSpec : Akka.TestKit.Xunit.TestKit
{
    protected PersistentSpec(ITestOutputHelper output)
        : this(new TempFolder(), output, Config.Empty)
    {
    }

    /// With <paramref name="overrides"/> layered over the persistent configuration.
    protected PersistentSpec(ITestOutputHelper output, Config overrides)
        : this(new TempFolder(), output, overrides)
    {
    }

    private PersistentSpec(TempFolder folder, ITestOutputHelper output, Config overrides)
        : base(overrides.WithFallback(MailTestConfig.Persistent(System.IO.Path.Combine(folder.Path, "journal.db"))), "mail", output)
    {
        Folder = folder;
        Blobs = new FileBlobStore(folder.Combine("data"));
    }

    protected TempFolder Folder { get; }

    protected FileBlobStore Blobs { get; }

    /// A body committed under <c>queueId.0</c>, as SMTP would leave it before appending.
    protected async Task<string> StoreBlob(string queueId, string content)
    {
        var blobId = queueId + ".0";
        using var blob = Blobs.Create(queueId);
        blob.Write(System.Text.Encoding.UTF8.GetBytes(content));
        await blob.CommitAsync([blobId]);
        return blobId;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Folder.Dispose();
    }
}
