using System.Collections.Concurrent;

namespace Mail.Host.Persistence;

/// <summary>
/// One thread of its own that commits requests in groups: whatever was queued while the last
/// commit (and its fsync) ran goes out as the next transaction. SQLite has one writer at a
/// time anyway, so a single connection loses nothing and never waits on a lock, and the
/// commit blocks only this thread, never the actors' pool. A group that fails is retried one
/// request at a time, so one bad request (a key written twice) fails alone.
/// </summary>
internal abstract class GroupCommitThread<TRequest> : IDisposable
{
    private readonly BlockingCollection<(TRequest Request, TaskCompletionSource Done)> _queue = new();
    private readonly Thread _thread;
    private readonly int _maxWeightPerCommit;
    private readonly string _name;

    protected GroupCommitThread(string name, int maxWeightPerCommit)
    {
        _name = name;
        _maxWeightPerCommit = maxWeightPerCommit;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    /// Called by the subclass once its connection and statements are ready.
    protected void Start() => _thread.Start();

    /// Writes the whole group in one transaction, or throws and writes none of it.
    protected abstract void Commit(IReadOnlyList<TRequest> batch);

    /// How much of a group's size limit a request takes (rows, for the journal).
    protected virtual int Weight(TRequest request) => 1;

    /// Completes once the request is committed, or fails with the reason.
    protected Task Enqueue(TRequest request)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _queue.Add((request, done));
        }
        catch (InvalidOperationException)
        {
            done.SetException(new ObjectDisposedException(_name, $"{_name} is stopping"));
        }
        return done.Task;
    }

    private void Run()
    {
        var batch = new List<(TRequest Request, TaskCompletionSource Done)>();
        var requests = new List<TRequest>();
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Clear();
            batch.Add(first);
            var weight = Weight(first.Request);
            while (weight < _maxWeightPerCommit && _queue.TryTake(out var more))
            {
                batch.Add(more);
                weight += Weight(more.Request);
            }
            requests.Clear();
            requests.AddRange(batch.Select(b => b.Request));
            try
            {
                Commit(requests);
                foreach (var (_, done) in batch)
                    done.TrySetResult();
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var item in batch)
                    CommitAlone(item.Request, item.Done);
            }
            catch (Exception e)
            {
                first.Done.TrySetException(e);
            }
        }
    }

    private void CommitAlone(TRequest request, TaskCompletionSource done)
    {
        try
        {
            Commit([request]);
            done.TrySetResult();
        }
        catch (Exception e)
        {
            done.TrySetException(e);
        }
    }

    /// Lets the queued requests finish (up to 30 s), then releases the subclass's resources.
    public void Dispose()
    {
        _queue.CompleteAdding();
        if (_thread.IsAlive)
            _thread.Join(TimeSpan.FromSeconds(30));
        Release();
    }

    protected abstract void Release();
}
