using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;

namespace Mail.Actors.Tests.Support;

/// <summary>
/// The real SQL journal, counting what it is asked to write: one AtomicWrite per PersistAll
/// call, however many events it holds. That count is the number of journal round trips a
/// mailbox needed, which is what group commit is meant to keep small.
/// </summary>
public sealed class CountingSqlJournal(Config config) : SqlWriteJournal(config)
{
    private static int _atomicWrites;
    private static int _events;

    public static (int AtomicWrites, int Events) Counts => (Volatile.Read(ref _atomicWrites), Volatile.Read(ref _events));

    public static void Reset()
    {
        Interlocked.Exchange(ref _atomicWrites, 0);
        Interlocked.Exchange(ref _events, 0);
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var batch = messages.ToList();
        Interlocked.Add(ref _atomicWrites, batch.Count);
        Interlocked.Add(ref _events, batch.Sum(w => ((IImmutableList<IPersistentRepresentation>)w.Payload).Count));
        return base.WriteMessagesAsync(batch, cancellationToken);
    }
}
