using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using Mail.Actors.Bounces;
using Mail.Actors.Delivery;

namespace Mail.Actors.Queue;

/// <summary>
/// The persistent queue of one next hop ("local", or "smtp:" + domain): Postfix's deferred and
/// active queues for that destination, as a sharded, remembered entity. It keeps every
/// recipient's status, hands due messages to the delivery agent when the QueueManager grants
/// slots, records each attempt's outcomes, schedules retries with Postfix's backoff, gives up
/// after the queue lifetime, and asks the bouncer for DSNs (failures, an optional delay
/// warning, NOTIFY=SUCCESS). A message leaves the queue when every recipient is final and every
/// notice is queued; then its bodies are deleted.
///
/// Enqueues are group-committed like mailbox appends: while one batch is written, new ones
/// wait and go out together, and each is acknowledged only once durable (that is what lets
/// SMTP answer 250). Attempt results are written with PersistAsync; their handlers tolerate
/// any interleaving because <see cref="QueueState.Apply"/> ignores what no longer applies.
/// </summary>
public sealed class RecipientQueueActor : ReceivePersistentActor, IWithTimers
{
    private const int SnapshotEvery = 1000;
    private static readonly TimeSpan NoticeRetry = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan NoticeTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan IdleStop = TimeSpan.FromSeconds(60);

    private readonly QueueServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<(EnqueueMessage Command, IActorRef Sender)> _pending = [];
    private readonly SortedSet<(DateTimeOffset At, string QueueId)> _schedule = [];
    private readonly Dictionary<string, DateTimeOffset> _scheduledAt = [];
    private readonly HashSet<string> _inFlight = [];
    private readonly Dictionary<string, (string QueueId, IReadOnlyList<string> Addresses)> _notices = [];
    private readonly string _hopTag;
    private QueueState _state = QueueState.Empty;
    private bool _writing;
    private int _unfinishedWrites;
    private int _slots;
    private bool _slotsRequested;
    private long _eventsSinceSnapshot;

    public RecipientQueueActor(string hop, QueueServices services)
    {
        Hop = hop;
        _services = services;
        _hopTag = MessageBlobs.HopTag(hop);
        PersistenceId = "queue-" + hop;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is QueueSnapshot snapshot)
                _state = snapshot.ToState();
        });
        Recover<IQueueEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<EnqueueMessage>(cmd =>
        {
            _pending.Add((cmd, Sender));
            if (!_writing)
                WriteEnqueues();
        });
        Command<SlotsGranted>(g =>
        {
            _slotsRequested = false;
            _slots += g.Count;
            Kick();
        });
        Command<Wake>(_ => Kick());
        Command<DeliveryReport>(OnReport);
        Command<AttemptTimedOut>(t => OnReport(new DeliveryReport(t.QueueId, Hop, [])));
        Command<NoticeQueued>(OnNoticeQueued);
        Command<NoticeFailed>(f =>
        {
            if (_notices.Remove(f.NoticeId))
            {
                _log.Warning("{0}: notice {1} not queued ({2}); retrying in {3}", f.NoticeId[..Math.Min(16, f.NoticeId.Length)], f.NoticeId, f.Reason, NoticeRetry);
                Timers.StartSingleTimer("notices", RetryNotices.Instance, NoticeRetry);
            }
        });
        Command<RetryNotices>(_ =>
        {
            foreach (var m in _state.Messages.Values)
                SendNotice(m);
        });

        Command<ListQueue>(_ => Sender.Tell(new QueueListing([.. _state.Messages.Values.Select(m => m.View(Hop))])));
        Command<ShowQueued>(s => Sender.Tell(_state.Messages.TryGetValue(s.QueueId, out var m)
            ? new QueuedMessageDetail([m.View(Hop)], "", m.History)
            : new QueueIdUnknown(s.QueueId)));
        Command<FlushQueue>(_ => Sender.Tell(new QueueCommandDone(RetryNow(_state.Messages.Values))));
        Command<RetryQueued>(r => Sender.Tell(_state.Messages.TryGetValue(r.QueueId, out var m)
            ? new QueueCommandDone(RetryNow([m]))
            : new QueueIdUnknown(r.QueueId)));
        Command<DeleteQueued>(OnDelete);
        Command<HoldQueued>(h => Change(h.QueueId, m => m.Held ? null : new MessageHeld(h.QueueId)));
        // Released mail is tried at once (not at its old retry time): the admin just looked at it.
        Command<ReleaseQueued>(r => Change(r.QueueId, m => m.Held ? new MessageReleased(r.QueueId) : null,
            () => RetryNow(_state.Messages.TryGetValue(r.QueueId, out var m) ? [m] : [])));

        Command<ReceiveTimeout>(_ =>
        {
            if (_state.Messages.Count == 0 && _inFlight.Count == 0 && _notices.Count == 0 && _pending.Count == 0 && !_writing)
                Context.Parent.Tell(new Passivate(StopQueue.Instance));
        });
        Command<StopQueue>(_ => DeferAsync(0, _ => Context.Stop(Self)));
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of queue [{0}] failed", Hop));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public string Hop { get; }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string hop, QueueServices services) => Akka.Actor.Props.Create(() => new RecipientQueueActor(hop, services));

    private DateTimeOffset Now => DateTimeOffset.UtcNow;

    private void OnRecovered()
    {
        Context.SetReceiveTimeout(IdleStop);
        foreach (var m in _state.Messages.Values)
        {
            Reschedule(m);
            SendNotice(m);
        }
        if (_state.Messages.Count > 0)
            _log.Info("queue {0}: recovered {1} messages", Hop, _state.Messages.Count);
        Kick();
    }

    // ---- enqueue (group commit) ----

    private void WriteEnqueues()
    {
        var batch = _pending.ToArray();
        _pending.Clear();
        var events = new List<IQueueEvent>();
        var inBatch = new HashSet<string>();
        foreach (var (cmd, _) in batch)
        {
            if (!_state.Knows(cmd.QueueId) && inBatch.Add(cmd.QueueId))
                events.Add(new MessageQueued(cmd.QueueId, cmd.Envelope, cmd.BlobId, cmd.Size, cmd.Arrival, cmd.Recipients));
        }
        void Reply()
        {
            foreach (var (cmd, sender) in batch)
                sender.Tell(new MessageEnqueued(Hop, cmd.QueueId));
        }
        if (events.Count == 0)
        {
            Reply();
            return;
        }
        _writing = true;
        PersistAllAsync(events, e =>
        {
            _state = _state.Apply(e);
            if (_state.Messages.TryGetValue(e.QueueId, out var m))
                Reschedule(m);
        });
        DeferAsync(events.Count, _ =>
        {
            _writing = false;
            Reply();
            MaybeSnapshot(events.Count);
            Kick();
            if (_pending.Count > 0)
                WriteEnqueues();
        });
    }

    // ---- scheduling and dispatch ----

    private void Reschedule(QueuedMessage m)
    {
        Unschedule(m.QueueId);
        if (m.Held || _inFlight.Contains(m.QueueId) || m.DueAt() is not { } due)
            return;
        _schedule.Add((due, m.QueueId));
        _scheduledAt[m.QueueId] = due;
    }

    private void Unschedule(string queueId)
    {
        if (_scheduledAt.Remove(queueId, out var at))
            _schedule.Remove((at, queueId));
    }

    /// Hands out as many due messages as there are slots, asks for more slots when some are
    /// missing, and sets the timer for the next due message.
    private void Kick()
    {
        var now = Now;
        while (_schedule.Count > 0 && _schedule.Min.At <= now && _slots > 0)
        {
            var (_, id) = _schedule.Min;
            Unschedule(id);
            _slots--;
            Dispatch(_state.Messages[id]);
        }
        var due = _schedule.Count == 0 ? 0 : _schedule.TakeWhile(s => s.At <= now).Take(1000).Count();
        if (due > 0 && !_slotsRequested)
        {
            _slotsRequested = true;
            _services.Manager.Tell(new AcquireSlots(due));
        }
        if (due == 0 && _slots > 0)
        {
            // Give back what we no longer need, so other queues get it.
            _services.Manager.Tell(new ReleaseSlots(_slots));
            _slots = 0;
        }
        if (_schedule.Count > 0 && due == 0)
        {
            var wait = _schedule.Min.At - now;
            Timers.StartSingleTimer("wake", Wake.Instance, wait < TimeSpan.FromHours(1) ? wait + TimeSpan.FromMilliseconds(5) : TimeSpan.FromHours(1));
        }
    }

    private void Dispatch(QueuedMessage m)
    {
        var recipients = m.Recipients.Where(r => !r.IsFinal).Select(r => r.Recipient).ToArray();
        var request = new DeliveryRequest(m.QueueId, Hop, m.Envelope, m.BlobId, m.Size, m.Arrival, recipients);
        var agent = NextHop.IsRemote(Hop) ? _services.RemoteDelivery : _services.LocalDelivery;
        _inFlight.Add(m.QueueId);
        agent.Tell(request, Self);
        Timers.StartSingleTimer("attempt-" + m.QueueId, new AttemptTimedOut(m.QueueId), _services.AttemptTimeout);
    }

    private int RetryNow(IEnumerable<QueuedMessage> messages)
    {
        var count = 0;
        var now = Now;
        foreach (var m in messages.ToArray())
        {
            if (m.Held || _inFlight.Contains(m.QueueId) || !m.HasUndelivered)
                continue;
            Unschedule(m.QueueId);
            _schedule.Add((now, m.QueueId));
            _scheduledAt[m.QueueId] = now;
            count++;
        }
        Kick();
        return count;
    }

    // ---- results ----

    private void OnReport(DeliveryReport report)
    {
        if (_inFlight.Remove(report.QueueId))
        {
            Timers.Cancel("attempt-" + report.QueueId);
            _services.Manager.Tell(new ReleaseSlots(1));
        }
        if (!_state.Messages.TryGetValue(report.QueueId, out var m))
            return;
        var now = Now;
        var byAddress = report.Outcomes.ToDictionary(o => o.Address, StringComparer.Ordinal);
        var expired = _services.Schedule.Expired(m.Arrival, m.Envelope.Sender, now);
        var outcomes = new List<RecipientOutcome>();
        foreach (var r in m.Recipients.Where(r => !r.IsFinal))
        {
            var o = byAddress.GetValueOrDefault(r.Address)
                ?? new RecipientOutcome(r.Address, DeliveryStatus.Deferred, "4.3.0", "delivery agent gave no result (timed out or crashed)");
            if (o.Status == DeliveryStatus.Deferred && expired)
            {
                // Postfix keeps the last temporary status and reason, and returns the message.
                o = o with { Status = DeliveryStatus.Failed, Diagnostic = o.Diagnostic };
                _log.Info("{0}: to=<{1}>, relay={2}, delay={3:0.#}, dsn={4}, status=expired, returned to sender ({5})",
                    m.QueueId, o.Address, o.Relay, (now - m.Arrival).TotalSeconds, o.Dsn, o.Diagnostic);
            }
            outcomes.Add(o);
        }
        var warn = !m.DelayWarned && outcomes.Any(o => o.Status == DeliveryStatus.Deferred) && _services.Schedule.DelayWarningDue(m.Arrival, now);
        Write(new DeliveryAttempted(m.QueueId, now, outcomes, _services.Schedule.NextAttempt(m.Arrival, now), warn));
    }

    /// Persists one event and then follows up on the message it changed.
    private void Write(IQueueEvent e, Action? then = null)
    {
        _unfinishedWrites++;
        PersistAsync(e, persisted =>
        {
            _unfinishedWrites--;
            var updated = _state.Updated(persisted);
            _state = _state.Apply(persisted);
            if (updated is not null)
            {
                if (_state.Messages.TryGetValue(persisted.QueueId, out var m))
                {
                    Reschedule(m);
                    SendNotice(m);
                }
                else
                {
                    Retire(updated, persisted is MessageDeleted ? "deleted" : "removed");
                }
            }
            MaybeSnapshot(1);
            then?.Invoke();
            Kick();
        });
    }

    private void Retire(QueuedMessage m, string why)
    {
        Unschedule(m.QueueId);
        _log.Info("{0}: {1} (queue {2})", m.QueueId, why, Hop);
        var blobs = _services.Blobs;
        var log = _log;
        var owned = m.OwnedBlobs().ToArray();
        _ = Task.Run(() =>
        {
            foreach (var blob in owned)
            {
                try { blobs.Delete(blob); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    log.Warning("{0}: could not delete blob {1}: {2}", m.QueueId, blob, e.Message);
                }
            }
        });
    }

    // ---- notices ----

    private void SendNotice(QueuedMessage m)
    {
        if (_notices.Values.Any(n => n.QueueId == m.QueueId))
            return;
        var kind = new[] { NoticeKind.Failure, NoticeKind.Delay, NoticeKind.Success }
            .FirstOrDefault(k => m.Recipients.Any(r => r.PendingNotice == k));
        if (kind == NoticeKind.None)
            return;
        var recipients = m.Recipients.Where(r => r.PendingNotice == kind).ToArray();
        var now = Now;
        var giveUp = _services.Schedule.GiveUpAt(m.Arrival, m.Envelope.Sender);
        var dsn = new DsnRequest(
            _services.Hostname, m.QueueId, m.Envelope.Sender, m.Envelope.EnvelopeId, m.Envelope.Return, m.Arrival,
            [.. recipients.Select(r => new DsnRecipient(
                r.Address,
                r.Recipient.OriginalRecipient,
                kind switch
                {
                    NoticeKind.Failure => DsnAction.Failed,
                    NoticeKind.Delay => DsnAction.Delayed,
                    _ => r.LastOutcome?.Relayed == true ? DsnAction.Relayed : DsnAction.Delivered,
                },
                r.LastOutcome?.Dsn ?? "5.0.0",
                r.LastOutcome?.Diagnostic ?? "",
                r.LastOutcome?.RemoteMta,
                r.LastAttempt ?? now,
                kind == NoticeKind.Delay ? giveUp : null))]);
        var noticeId = $"{m.QueueId}N{_hopTag}{m.NoticeCount}";
        _notices[noticeId] = (m.QueueId, [.. recipients.Select(r => r.Address)]);
        _services.Bouncer.Tell(new SendNotice(noticeId, dsn, m.BlobId), Self);
        Timers.StartSingleTimer("notice-" + noticeId, new NoticeFailed(noticeId, "no answer from the bouncer"), NoticeTimeout);
    }

    private void OnNoticeQueued(NoticeQueued queued)
    {
        Timers.Cancel("notice-" + queued.NoticeId);
        if (!_notices.Remove(queued.NoticeId, out var notice))
            return;
        _log.Info("{0}: sender notification: {1}", notice.QueueId, queued.NoticeId);
        Write(new NoticesSent(notice.QueueId, notice.Addresses));
    }

    // ---- admin ----

    private void OnDelete(DeleteQueued delete)
    {
        var targets = delete.QueueId is null
            ? _state.Messages.Keys.ToArray()
            : _state.Messages.ContainsKey(delete.QueueId) ? [delete.QueueId] : [];
        if (delete.QueueId is not null && targets.Length == 0)
        {
            Sender.Tell(new QueueIdUnknown(delete.QueueId));
            return;
        }
        var sender = Sender;
        foreach (var id in targets)
            Unschedule(id);
        if (targets.Length == 0)
        {
            sender.Tell(new QueueCommandDone(0));
            return;
        }
        for (var i = 0; i < targets.Length; i++)
            Write(new MessageDeleted(targets[i]), i == targets.Length - 1 ? () => sender.Tell(new QueueCommandDone(targets.Length)) : null);
    }

    private void Change(string queueId, Func<QueuedMessage, IQueueEvent?> decide, Action? afterwards = null)
    {
        if (!_state.Messages.TryGetValue(queueId, out var m))
        {
            Sender.Tell(new QueueIdUnknown(queueId));
            return;
        }
        var e = decide(m);
        if (e is null)
        {
            Sender.Tell(new QueueCommandDone(0));
            return;
        }
        var sender = Sender;
        Write(e, () =>
        {
            afterwards?.Invoke();
            sender.Tell(new QueueCommandDone(1));
        });
    }

    private void MaybeSnapshot(int written)
    {
        _eventsSinceSnapshot += written;
        if (_eventsSinceSnapshot < Math.Max(SnapshotEvery, _state.Messages.Count))
            return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(QueueSnapshot.From(_state));
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "Queue [{0}]: journal rejected event {1} (seq {2})", Hop, @event.GetType().Name, sequenceNr);
        throw new InvalidOperationException($"journal rejected an event of queue {Hop}", cause);
    }

    private sealed record Wake
    {
        public static Wake Instance { get; } = new();
    }

    private sealed record RetryNotices
    {
        public static RetryNotices Instance { get; } = new();
    }

    private sealed record AttemptTimedOut(string QueueId);
}
