using System.Collections.Immutable;
using Mail.Actors.Delivery;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Queue;

/// <summary>Which DSN a recipient still owes its sender.</summary>
public enum NoticeKind
{
    None,
    Failure,
    Delay,
    Success,
}

/// <summary>One recipient of a queued message and what happened to it so far.</summary>
/// <param name="Status">One of <see cref="RecipientStatus"/>.</param>
public sealed record QueuedRecipient(
    DeliveryRecipient Recipient,
    string Status,
    int Attempts = 0,
    RecipientOutcome? LastOutcome = null,
    DateTimeOffset? LastAttempt = null,
    DateTimeOffset? NextAttempt = null,
    NoticeKind PendingNotice = NoticeKind.None)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinal => Status is RecipientStatus.Delivered or RecipientStatus.Failed;

    [System.Text.Json.Serialization.JsonIgnore]
    public string Address => Recipient.Address;
}

/// <summary>A message waiting in one hop's queue. <see cref="History"/> keeps the last attempts for `maild queue show`.</summary>
public sealed record QueuedMessage(
    string QueueId,
    Envelope Envelope,
    string BlobId,
    long Size,
    DateTimeOffset Arrival,
    ImmutableArray<QueuedRecipient> Recipients,
    ImmutableList<AttemptView> History,
    bool Held = false,
    bool DelayWarned = false,
    int NoticeCount = 0)
{
    // Enough for `maild queue show`; every deferred message carries it, so it stays short.
    public const int HistoryLimit = 5;

    /// Nothing left to deliver and no notice owed: the message leaves the queue.
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsDone => Recipients.All(r => r.IsFinal && r.PendingNotice == NoticeKind.None);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasUndelivered => Recipients.Any(r => !r.IsFinal);

    /// When the next attempt is due (scheduled recipients at once), or null when nothing is left to try.
    public DateTimeOffset? DueAt()
    {
        DateTimeOffset? due = null;
        foreach (var r in Recipients.Where(r => !r.IsFinal))
        {
            var at = r.NextAttempt ?? Arrival;
            if (due is null || at < due)
                due = at;
        }
        return due;
    }

    /// <summary>
    /// Blobs the queue deletes when the message leaves: its own copy only. The per-mailbox copy
    /// of a local recipient is left alone even when the queue gave up on it, because an append
    /// that timed out may still have landed: an orphan file is better than a message whose
    /// body is gone.
    /// </summary>
    public IEnumerable<string> OwnedBlobs() => [BlobId];

    public QueuedMessageView View(string hop) => new(
        QueueId, hop, Size, Arrival, Envelope.Sender, Held,
        [.. Recipients.Select(r => new QueuedRecipientView(r.Address, r.Status, r.Attempts, r.LastOutcome?.Diagnostic, r.Status == RecipientStatus.Deferred ? r.NextAttempt : null))]);
}

/// <summary>
/// The pure state of one next hop's queue: the messages waiting, and the ids of recently
/// finished ones so that a retried hand-off (after a lost acknowledgement) is not delivered twice.
/// </summary>
public sealed record QueueState(
    ImmutableDictionary<string, QueuedMessage> Messages,
    ImmutableHashSet<string> Completed,
    ImmutableQueue<string> CompletedOrder)
{
    public const int CompletedMemory = 10_000;

    public static readonly QueueState Empty = new(
        ImmutableDictionary<string, QueuedMessage>.Empty, ImmutableHashSet<string>.Empty, ImmutableQueue<string>.Empty);

    public bool Knows(string queueId) => Messages.ContainsKey(queueId) || Completed.Contains(queueId);

    public QueueState Apply(IQueueEvent e) => e switch
    {
        MessageQueued q => Messages.ContainsKey(q.QueueId) ? this : this with
        {
            Messages = Messages.Add(q.QueueId, new QueuedMessage(
                q.QueueId, q.Envelope, q.BlobId, q.Size, q.Arrival,
                [.. q.Recipients.Select(r => new QueuedRecipient(r, RecipientStatus.Scheduled))],
                ImmutableList<AttemptView>.Empty)),
        },
        DeliveryAttempted a => Update(a.QueueId, m => ApplyAttempt(m, a)),
        NoticesSent n => Update(n.QueueId, m => m with
        {
            NoticeCount = m.NoticeCount + 1,
            Recipients = [.. m.Recipients.Select(r => Cleared(r, n))],
        }),
        MessageHeld h => Update(h.QueueId, m => m with { Held = true }),
        MessageReleased r => Update(r.QueueId, m => m with { Held = false }),
        MessageDeleted d => Messages.ContainsKey(d.QueueId) ? Complete(d.QueueId) : this,
        _ => this,
    };

    private QueueState Update(string queueId, Func<QueuedMessage, QueuedMessage> change)
    {
        if (!Messages.TryGetValue(queueId, out var message))
            return this;
        var changed = change(message);
        return changed.IsDone ? Complete(queueId) : this with { Messages = Messages.SetItem(queueId, changed) };
    }

    /// <summary>
    /// The message as <paramref name="e"/> leaves it, or null when the event does not touch a
    /// known message. The actor uses it to see what leaves the queue (and whose blobs to delete):
    /// a deleted message comes back unchanged, with <see cref="QueuedMessage.IsDone"/> false.
    /// </summary>
    public QueuedMessage? Updated(IQueueEvent e)
    {
        if (e is MessageQueued || !Messages.TryGetValue(e.QueueId, out var message))
            return null;
        return Apply(e).Messages.TryGetValue(e.QueueId, out var after) ? after : Retired(message, e);
    }

    private static QueuedMessage Retired(QueuedMessage message, IQueueEvent e) => e switch
    {
        DeliveryAttempted a => ApplyAttempt(message, a),
        NoticesSent n => message with { Recipients = [.. message.Recipients.Select(r => Cleared(r, n))] },
        _ => message,
    };

    private static QueuedRecipient Cleared(QueuedRecipient r, NoticesSent n) =>
        r.PendingNotice == n.Kind && n.Addresses.Contains(r.Address) ? r with { PendingNotice = NoticeKind.None } : r;

    private QueueState Complete(string queueId)
    {
        var completed = Completed.Add(queueId);
        var order = CompletedOrder.Enqueue(queueId);
        while (completed.Count > CompletedMemory)
        {
            order = order.Dequeue(out var oldest);
            completed = completed.Remove(oldest);
        }
        return new QueueState(Messages.Remove(queueId), completed, order);
    }

    private static QueuedMessage ApplyAttempt(QueuedMessage m, DeliveryAttempted a)
    {
        var outcomes = a.Outcomes.ToDictionary(o => o.Address, StringComparer.Ordinal);
        var bounceable = m.Envelope.Sender.Length > 0;
        var recipients = m.Recipients.Select(r =>
        {
            if (r.IsFinal || !outcomes.TryGetValue(r.Address, out var o))
                return r;
            var notify = r.Recipient.Notify;
            var attempted = r with { Attempts = r.Attempts + 1, LastOutcome = o, LastAttempt = a.At };
            return o.Status switch
            {
                DeliveryStatus.Delivered => attempted with
                {
                    Status = RecipientStatus.Delivered,
                    NextAttempt = null,
                    PendingNotice = bounceable && notify is { } n && n.HasFlag(DsnNotify.Success) ? NoticeKind.Success : NoticeKind.None,
                },
                DeliveryStatus.Failed => attempted with
                {
                    Status = RecipientStatus.Failed,
                    NextAttempt = null,
                    // RFC 3461 4.1: without NOTIFY the MTA decides; like Postfix, failures are reported.
                    PendingNotice = bounceable && (notify is null || notify.Value.HasFlag(DsnNotify.Failure)) ? NoticeKind.Failure : NoticeKind.None,
                },
                _ => attempted with
                {
                    Status = RecipientStatus.Deferred,
                    NextAttempt = a.NextAttempt,
                    PendingNotice = a.WarnDelay && bounceable && (notify is null || notify.Value.HasFlag(DsnNotify.Delay))
                        ? NoticeKind.Delay
                        : r.PendingNotice,
                },
            };
        });
        var history = m.History.AddRange(a.Outcomes.Select(o => new AttemptView(a.At, o.Address, StatusWord(o.Status), o.Dsn, o.Relay, o.Diagnostic)));
        if (history.Count > QueuedMessage.HistoryLimit)
            history = history.RemoveRange(0, history.Count - QueuedMessage.HistoryLimit);
        return m with { Recipients = [.. recipients], History = history, DelayWarned = m.DelayWarned || a.WarnDelay };
    }

    /// Postfix's log words: sent, deferred, bounced.
    public static string StatusWord(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => "sent",
        DeliveryStatus.Failed => "bounced",
        _ => "deferred",
    };
}
