namespace Mail.Actors.Queue;

// What `maild queue ...` asks the running server (Postfix mailq/postqueue/postsuper), answered
// by the QueueManager of the node the management endpoint runs on.

/// Every queued message with its recipients. Replies <see cref="QueueListing"/>.
public sealed record ListQueue : IQueueMessage;

/// One message: envelope, headers and every recipient's attempts. Replies
/// <see cref="QueuedMessageDetail"/>, or <see cref="QueueIdUnknown"/>.
public sealed record ShowQueued(string QueueId) : IQueueMessage;

/// Retry every deferred recipient now (postqueue -f). Replies <see cref="QueueCommandDone"/>.
public sealed record FlushQueue : IQueueMessage;

/// Retry one message's deferred recipients now (postqueue -i). Replies <see cref="QueueCommandDone"/> or <see cref="QueueIdUnknown"/>.
public sealed record RetryQueued(string QueueId) : IQueueMessage;

/// Delete one message (or all with a null id) without bouncing (postsuper -d). Replies <see cref="QueueCommandDone"/> or <see cref="QueueIdUnknown"/>.
public sealed record DeleteQueued(string? QueueId) : IQueueMessage;

/// Keep a message from being delivered until released (postsuper -h). Replies <see cref="QueueCommandDone"/> or <see cref="QueueIdUnknown"/>.
public sealed record HoldQueued(string QueueId) : IQueueMessage;

/// Undo <see cref="HoldQueued"/> and deliver now (postsuper -H). Replies <see cref="QueueCommandDone"/> or <see cref="QueueIdUnknown"/>.
public sealed record ReleaseQueued(string QueueId) : IQueueMessage;

/// <param name="Affected">Messages the command changed.</param>
public sealed record QueueCommandDone(int Affected) : IQueueMessage;

public sealed record QueueIdUnknown(string QueueId) : IQueueMessage;

/// Recipient states as mailq shows them.
public static class RecipientStatus
{
    public const string Scheduled = "scheduled";
    public const string Delivered = "delivered";
    public const string Deferred = "deferred";
    public const string Failed = "failed";
}

/// <param name="Status">One of <see cref="RecipientStatus"/>.</param>
/// <param name="NextAttempt">For deferred recipients.</param>
public sealed record QueuedRecipientView(
    string Address,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? NextAttempt);

/// <param name="Sender">"" for the null sender &lt;&gt;.</param>
/// <param name="Hop">"local" or "smtp:domain" (a message with recipients in several domains is listed once per hop).</param>
public sealed record QueuedMessageView(
    string QueueId,
    string Hop,
    long Size,
    DateTimeOffset Arrival,
    string Sender,
    bool Held,
    IReadOnlyList<QueuedRecipientView> Recipients);

public sealed record QueueListing(IReadOnlyList<QueuedMessageView> Messages) : IQueueMessage;

/// One delivery attempt of one recipient, for `maild queue show`.
public sealed record AttemptView(DateTimeOffset At, string Recipient, string Status, string Dsn, string Relay, string Diagnostic);

/// <param name="Headers">The message's header block as stored (trace headers included), or "" when the body is gone.</param>
public sealed record QueuedMessageDetail(
    IReadOnlyList<QueuedMessageView> Parts,
    string Headers,
    IReadOnlyList<AttemptView> Attempts) : IQueueMessage;
