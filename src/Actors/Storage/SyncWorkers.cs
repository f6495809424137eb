using System.Collections.Concurrent;

namespace Mail.Actors.Storage;

/// <summary>
/// A few dedicated threads for work that blocks in the kernel (fsync of bodies and folders).
/// Run on the shared thread pool, every fsync would hold a pool thread that the actors need,
/// and the pool only grows slowly under such blocking; here the blocking is confined and
/// several fsyncs stay in flight at once, which lets the file system merge them: on ext4,
/// concurrent fsyncs join one journal commit. Measured here (2 cores, ext4 on virtio, 1 KiB
/// file + rename + directory fsync): 1 thread 230 files/s, 4 threads 2,300, 16 threads 3,900,
/// 32 threads 4,000. The threads sleep in the kernel, so 16 cost nothing but stacks. End to
/// end (bench/accept.sh 20 5000 1024, WARMUP=10000, medians of 3): 4 threads 824 msg/s,
/// 16 threads 1,078, 32 threads 947.
/// </summary>
public static class SyncWorkers
{
    private static readonly BlockingCollection<(Action Work, TaskCompletionSource Done)> Queue = new();

    static SyncWorkers()
    {
        for (var i = 0; i < Math.Max(16, Environment.ProcessorCount * 4); i++)
        {
            new Thread(Run) { IsBackground = true, Name = $"maild-sync-{i}" }.Start();
        }
    }

    public static Task Run(Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add((work, done));
        return done.Task;
    }

    private static void Run()
    {
        foreach (var (work, done) in Queue.GetConsumingEnumerable())
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
    }
}
