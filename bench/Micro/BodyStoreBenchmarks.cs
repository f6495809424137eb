using BenchmarkDotNet.Attributes;
using Mail.Actors.Queue;
using Mail.Actors.Storage;
using Mail.Host.Persistence;

namespace Mail.Micro;

/// <summary>
/// Committing 1,345-byte bodies durably, as concurrent SMTP sessions do at the end of DATA:
/// a file each (<see cref="FileBlobStore"/>: create, write, rename, fsync) against rows of
/// blobs.db (<see cref="SqliteBlobStore"/>: group-committed WAL appends). 16 sessions commit
/// at once; the figure is per body. The folder is MAILD_BENCH_DIR, or /var/tmp: put it on the
/// disk mail will live on, since tmpfs has no flushes to share.
/// </summary>
[MemoryDiagnoser]
public class BodyStoreBenchmarks
{
    private const int Sessions = 16;
    private const int BodiesPerSession = 8;
    private static readonly byte[] Body = [.. Enumerable.Range(0, 1345).Select(i => (byte)(i % 10 == 9 ? '\n' : 'a' + i % 26))];

    private string _folder = "";
    private IBlobStore _store = null!;

    [Params("files", "rows")]
    public string Store { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = Environment.GetEnvironmentVariable("MAILD_BENCH_DIR") ?? "/var/tmp";
        _folder = Path.Combine(root, "maild-bodies-" + Guid.NewGuid().ToString("N")[..8]);
        var files = new FileBlobStore(_folder);
        _store = Store == "rows" ? new SqliteBlobStore(files, Path.Combine(_folder, "blobs.db"), 128 * 1024) : files;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_store as IDisposable)?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Sessions * BodiesPerSession)]
    public Task CommitConcurrently() => Task.WhenAll(Enumerable.Range(0, Sessions).Select(_ => Task.Run(async () =>
    {
        for (var i = 0; i < BodiesPerSession; i++)
        {
            var queueId = QueueId.New();
            using var incoming = _store.Create(queueId);
            incoming.Write(Body);
            await incoming.CommitAsync([MessageBlobs.ForMailbox(queueId, 0)]);
        }
    })));
}
