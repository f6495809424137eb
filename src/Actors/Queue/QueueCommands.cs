using Mail.Actors.Bounces;
using Mail.Actors.Delivery;

namespace Mail.Actors.Queue;

/// Every message for a recipient queue carries its next hop; the shard region routes on it.
public interface IWithHop
{
    string Hop { get; }
}

/// <summary>
/// Marker of every message that may cross nodes to or from a recipient queue (enqueue, admin
/// commands and answers, hand-off): binds them to <c>MailWireSerializer</c>.
/// </summary>
public interface IQueueMessage;

/// <summary>
/// Make these recipients durable in the queue of <paramref name="Hop"/>. Idempotent by queue id
/// (a retry after a lost acknowledgement changes nothing). Replies <see cref="MessageEnqueued"/>
/// once the message is in the journal.
/// </summary>
public sealed record EnqueueMessage(
    string Hop,
    string QueueId,
    Envelope Envelope,
    string BlobId,
    long Size,
    DateTimeOffset Arrival,
    IReadOnlyList<DeliveryRecipient> Recipients) : IWithHop, IQueueMessage;

public sealed record MessageEnqueued(string Hop, string QueueId) : IQueueMessage;

/// An admin command (ListQueue, FlushQueue, HoldQueued, ...) for one hop's queue; the region hands the inner command to the entity.
public sealed record ToHopQueue(string Hop, object Command) : IWithHop, IQueueMessage;

// The active window (Postfix qmgr_message_active_limit): a queue asks its node's QueueManager
// for delivery slots before it hands messages to agents, and gives them back after each report.

public sealed record AcquireSlots(int Wanted);

public sealed record SlotsGranted(int Count);

public sealed record ReleaseSlots(int Count);

/// A queue that (re)starts holds no slots: whatever the manager counted for it before a crash is free again.
public sealed record ReturnAllSlots
{
    public static ReturnAllSlots Instance { get; } = new();
}

/// <summary>
/// Ask the bouncer for one DSN. <paramref name="NoticeId"/> is deterministic (queue id, hop and
/// notice number), so a retried request after a crash makes no second DSN: it is the queue id of
/// the DSN message itself. Replies <see cref="NoticeQueued"/> or <see cref="NoticeFailed"/>.
/// </summary>
public sealed record SendNotice(string NoticeId, DsnRequest Request, string? OriginalBlobId);

public sealed record NoticeQueued(string NoticeId);

public sealed record NoticeFailed(string NoticeId, string Reason);

/// Makes a queue look at its schedule (and restarts it if it was stopped while holding mail).
public sealed record WakeQueue : IQueueMessage
{
    public static WakeQueue Instance { get; } = new();
}

/// The queue's passivation and hand-off message: it stops only after its pending writes.
public sealed record StopQueue : IQueueMessage
{
    public static StopQueue Instance { get; } = new();
}
