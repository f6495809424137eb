using Mail.Actors.Delivery;

namespace Mail.Actors.Queue;

/// <summary>
/// Persisted events of a recipient queue (one per next hop): this is schema, serialized by
/// MailSerializer under short manifests; never rename a property without a migration.
/// </summary>
public interface IQueueEvent
{
    string QueueId { get; }
}

/// A message accepted for this hop. <paramref name="BlobId"/> is the queue's own copy of the body.
public sealed record MessageQueued(
    string QueueId,
    Envelope Envelope,
    string BlobId,
    long Size,
    DateTimeOffset Arrival,
    IReadOnlyList<DeliveryRecipient> Recipients) : IQueueEvent;

/// <summary>
/// One delivery attempt's outcomes (an expired message's last attempt is recorded as failed).
/// <paramref name="NextAttempt"/> is when the deferred recipients are tried again;
/// <paramref name="WarnDelay"/> asks for the one delay notice (Postfix delay_warning_time).
/// </summary>
public sealed record DeliveryAttempted(
    string QueueId,
    DateTimeOffset At,
    IReadOnlyList<RecipientOutcome> Outcomes,
    DateTimeOffset NextAttempt,
    bool WarnDelay = false) : IQueueEvent;

/// The DSN of <paramref name="Kind"/> for these recipients is queued; that notice is done
/// (a different one owed since, e.g. a failure after a delay warning, stays owed).
public sealed record NoticesSent(string QueueId, IReadOnlyList<string> Addresses, NoticeKind Kind) : IQueueEvent;

public sealed record MessageHeld(string QueueId) : IQueueEvent;

public sealed record MessageReleased(string QueueId) : IQueueEvent;

/// Removed by an admin (postsuper -d): no delivery, no bounce.
public sealed record MessageDeleted(string QueueId) : IQueueEvent;
