using System.Collections.Immutable;

namespace Mail.Actors.Mailbox;

/// <summary>
/// The pure state of one mailbox (INBOX for now): what <c>Decide</c> turns commands into events
/// from, and what <c>Apply</c> folds events into. Immutable, so the actor can hand it to readers.
/// Idempotency: a queue id seen before (still present, or expunged recently) is never appended
/// twice; the recently-expunged window is bounded so the state does not grow forever.
/// </summary>
public sealed record MailboxState(
    long UidValidity,
    long NextUid,
    ImmutableSortedDictionary<long, StoredMessage> Messages,
    ImmutableDictionary<string, long> UidByQueueId,
    ImmutableDictionary<string, long> ExpungedQueueIds,
    ImmutableQueue<string> ExpungedOrder,
    long TotalSize)
{
    public const int ExpungedMemory = 10_000;

    public static readonly MailboxState Empty = new(
        0, 1,
        ImmutableSortedDictionary<long, StoredMessage>.Empty,
        ImmutableDictionary<string, long>.Empty,
        ImmutableDictionary<string, long>.Empty,
        ImmutableQueue<string>.Empty, 0);

    public bool IsCreated => UidValidity != 0;

    /// <summary>
    /// Events for a batch of appends, and for every command the UID it gets (new or, for a
    /// duplicate queue id, the one it already has). UIDs are consecutive and strictly ascending.
    /// </summary>
    public (IReadOnlyList<IMailboxEvent> Events, IReadOnlyList<long> Uids) DecideAppends(
        IReadOnlyList<AppendToMailbox> commands, DateTimeOffset now)
    {
        var events = new List<IMailboxEvent>(commands.Count + 1);
        var uids = new List<long>(commands.Count);
        if (!IsCreated)
            events.Add(new MailboxCreated(now.ToUnixTimeSeconds()));
        var next = NextUid;
        Dictionary<string, long>? inBatch = null;
        foreach (var cmd in commands)
        {
            if (TryFindQueueId(cmd.QueueId, out var existing) || (inBatch?.TryGetValue(cmd.QueueId, out existing) ?? false))
            {
                uids.Add(existing);
                continue;
            }
            var uid = next++;
            (inBatch ??= []).Add(cmd.QueueId, uid);
            events.Add(new MessageAppended(cmd.QueueId, uid, cmd.BlobId, cmd.Size, cmd.InternalDate));
            uids.Add(uid);
        }
        return (events, uids);
    }

    /// Expunging only what exists: unknown or already-expunged UIDs are ignored (a retried close).
    public IReadOnlyList<IMailboxEvent> DecideExpunge(IEnumerable<long> uids)
    {
        var present = uids.Where(Messages.ContainsKey).Distinct().Order().ToArray();
        return present.Length == 0 ? [] : [new MessagesExpunged(present)];
    }

    public bool TryFindQueueId(string queueId, out long uid)
    {
        return UidByQueueId.TryGetValue(queueId, out uid) || ExpungedQueueIds.TryGetValue(queueId, out uid);
    }

    public MailboxState Apply(IMailboxEvent e) => e switch
    {
        MailboxCreated c => this with { UidValidity = c.UidValidity },
        MessageAppended a => this with
        {
            NextUid = Math.Max(NextUid, a.Uid + 1),
            Messages = Messages.SetItem(a.Uid, new StoredMessage(a.Uid, a.QueueId, a.BlobId, a.Size, a.InternalDate)),
            UidByQueueId = UidByQueueId.SetItem(a.QueueId, a.Uid),
            TotalSize = TotalSize + (Messages.ContainsKey(a.Uid) ? 0 : a.Size),
        },
        MessagesExpunged x => ApplyExpunge(x),
        _ => throw new ArgumentException($"unknown mailbox event {e.GetType().Name}", nameof(e)),
    };

    private MailboxState ApplyExpunge(MessagesExpunged x)
    {
        var messages = Messages;
        var byQueue = UidByQueueId;
        var expunged = ExpungedQueueIds;
        var order = ExpungedOrder;
        var size = TotalSize;
        foreach (var uid in x.Uids)
        {
            if (!messages.TryGetValue(uid, out var m))
                continue;
            messages = messages.Remove(uid);
            byQueue = byQueue.Remove(m.QueueId);
            size -= m.Size;
            expunged = expunged.SetItem(m.QueueId, uid);
            order = order.Enqueue(m.QueueId);
            if (expunged.Count > ExpungedMemory)
            {
                order = order.Dequeue(out var oldest);
                expunged = expunged.Remove(oldest);
            }
        }
        return this with { Messages = messages, UidByQueueId = byQueue, ExpungedQueueIds = expunged, ExpungedOrder = order, TotalSize = size };
    }
}
