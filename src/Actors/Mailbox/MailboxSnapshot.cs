using System.Collections.Immutable;

namespace Mail.Actors.Mailbox;

/// <summary>
/// Persisted snapshot of <see cref="MailboxState"/> (schema, like the events): flat lists,
/// so that recovery of a large mailbox reads one row instead of its whole history.
/// </summary>
public sealed record MailboxSnapshot(
    long UidValidity,
    long NextUid,
    IReadOnlyList<StoredMessage> Messages,
    IReadOnlyList<ExpungedQueueId> Expunged)
{
    public static MailboxSnapshot From(MailboxState s) => new(
        s.UidValidity,
        s.NextUid,
        [.. s.Messages.Values],
        [.. s.ExpungedOrder.Select(q => new ExpungedQueueId(q, s.ExpungedQueueIds[q]))]);

    public MailboxState ToState() => new(
        UidValidity,
        NextUid,
        Messages.ToImmutableSortedDictionary(m => m.Uid, m => m),
        Messages.ToImmutableDictionary(m => m.QueueId, m => m.Uid),
        Expunged.ToImmutableDictionary(e => e.QueueId, e => e.Uid),
        ImmutableQueue.CreateRange(Expunged.Select(e => e.QueueId)),
        Messages.Sum(m => m.Size));
}

public sealed record ExpungedQueueId(string QueueId, long Uid);
