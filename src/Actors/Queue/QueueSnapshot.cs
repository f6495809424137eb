using System.Collections.Immutable;

namespace Mail.Actors.Queue;

/// Persisted snapshot of <see cref="QueueState"/> (schema, like the events).
public sealed record QueueSnapshot(IReadOnlyList<QueuedMessage> Messages, IReadOnlyList<string> Completed)
{
    public static QueueSnapshot From(QueueState s) => new([.. s.Messages.Values], [.. s.CompletedOrder]);

    public QueueState ToState() => new(
        Messages.ToImmutableDictionary(m => m.QueueId),
        [.. Completed],
        ImmutableQueue.CreateRange(Completed));
}
