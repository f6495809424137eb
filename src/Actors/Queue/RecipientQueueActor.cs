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
    // Attempts handed to the agent (queue id -> attempt number), and those whose result is
    // being written: neither may be dispatched again until the result is in the state.
    private readonly Dictionary<string, int> _inFlight = [];
    private readonly HashSet<string> _recording = [];
    // Notices asked of the bouncer; an entry stays until its NoticesSent is applied.
    private readonly Dictionary<string, Notice> _notices = [];
    private readonly HashSet<string> _noticesRecording = [];
    private readonly string _hopTag;
    private QueueState _state = QueueState.Empty;
    private bool _writing;
    private int _unfinishedWrites;
    private int _slots;
    private bool _slotsRequested;
    private int _attempts;
    private bool _stopping;
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
            Timers.Cancel("slots");
            _slots += g.Count;
            Kick();
        });
        Command<Wake>(_ => Kick());
        Command<WakeQueue>(_ => Kick());
        Command<SlotsOverdue>(_ =>
        {
            // The manager may have restarted and forgotten us: ask again (it is idempotent).
            _slotsRequested = false;
            Kick();
        });
        Command<DeliveryReport>(r => OnReport(r, synthetic: false));
        Command<AttemptTimedOut>(t =>
        {
            if (_inFlight.TryGetValue(t.QueueId, out var attempt) && attempt == t.Attempt)
                OnReport(new DeliveryReport(t.QueueId, Hop, [], t.Attempt), synthetic: true);
        });
        Command<NoticeQueued>(OnNoticeQueued);
        Command<NoticeFailed>(f =>
        {
            if (_noticesRecording.Contains(f.NoticeId) || !_notices.Remove(f.NoticeId))
                return;
            Timers.Cancel("notice-" + f.NoticeId);
            _log.Warning("notice {0} not queued ({1}); retrying in {2}", f.NoticeId, f.Reason, NoticeRetry);
            Timers.StartSingleTimer("notices", RetryNotices.Instance, NoticeRetry);
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
            if (!_stopping && _state.Messages.Count == 0 && _inFlight.Count == 0 && _notices.Count == 0 && Quiet)
                Context.Parent.Tell(new Passivate(StopQueue.Instance));
        });
        Command<StopQueue>(_ =>
        {
            _stopping = true;
            TryStop();
        });
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

    /// No journal write is pending or under way.
    private bool Quiet => !_writing && _pending.Count == 0 && _unfinishedWrites == 0;

    private bool Busy(string queueId) => _inFlight.ContainsKey(queueId) || _recording.Contains(queueId);

    /// <summary>
    /// Passivation or hand-off: stop once every write is done (an acknowledged enqueue must not
    /// be cut off). A queue that took mail after it asked to passivate has itself restarted
    /// through the region: the shard holds that message until this incarnation is gone and
    /// then starts (and remembers) the queue again, so the mail is not left unattended.
    /// </summary>
    private void TryStop()
    {
        if (!_stopping || !Quiet)
            return;
        if (_state.Messages.Count > 0)
            _services.Region?.Tell(new ToHopQueue(Hop, WakeQueue.Instance));
        Context.Stop(Self);
    }

    private void OnRecovered()
    {
        Context.SetReceiveTimeout(IdleStop);
        // After a restart (same actor ref) the manager may still count slots of the old incarnation.
        _services.Manager.Tell(ReturnAllSlots.Instance);
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
            else
                TryStop();
        });
    }

    // ---- scheduling and dispatch ----

    private void Reschedule(QueuedMessage m)
    {
        Unschedule(m.QueueId);
        if (m.Held || Busy(m.QueueId) || m.DueAt() is not { } due)
            return;
        _schedule.Add((due, m.QueueId));
        _scheduledAt[m.QueueId] = due;
    }

    private void Unschedule(string queueId)
    {
        if (_scheduledAt.Remove(queueId, out var at))
            _schedule.Remove((at, queueId));
    }

    /// Hands out as many due messages as there are slots (and as this queue may have in flight),
    /// asks for more slots when some are missing, and sets the timer for the next due message.
    private void Kick()
    {
        if (_stopping)
            return;
        var now = Now;
        while (_schedule.Count > 0 && _schedule.Min.At <= now && _slots > 0 && _inFlight.Count < _services.MaxInFlight)
        {
            var (_, id) = _schedule.Min;
            Unschedule(id);
            _slots--;
            Dispatch(_state.Messages[id]);
        }
        var room = Math.Max(0, _services.MaxInFlight - _inFlight.Count - _slots);
        var due = room == 0 || _schedule.Count == 0 ? 0 : _schedule.TakeWhile(s => s.At <= now).Take(room).Count();
        if (due > 0 && !_slotsRequested)
        {
            _slotsRequested = true;
            _services.Manager.Tell(new AcquireSlots(due));
            Timers.StartSingleTimer("slots", SlotsOverdue.Instance, TimeSpan.FromSeconds(30));
        }
        var dueNow = _schedule.Count > 0 && _schedule.Min.At <= now;
        if (!dueNow && _slots > 0)
        {
            // Give back what we no longer need, so other queues get it.
            _services.Manager.Tell(new ReleaseSlots(_slots));
            _slots = 0;
        }
        if (_schedule.Count > 0 && !dueNow)
        {
            var wait = _schedule.Min.At - now;
            Timers.StartSingleTimer("wake", Wake.Instance, wait < TimeSpan.FromHours(1) ? wait + TimeSpan.FromMilliseconds(5) : TimeSpan.FromHours(1));
        }
    }

    private void Dispatch(QueuedMessage m)
    {
        var recipients = m.Recipients.Where(r => !r.IsFinal).Select(r => r.Recipient).ToArray();
        var attempt = ++_attempts;
        // The agent drops the request if it cannot start it within the attempt timeout; the
        // queue's own timer, later, only catches an agent that never answers at all.
        var request = new DeliveryRequest(m.QueueId, Hop, m.Envelope, m.BlobId, m.Size, m.Arrival, recipients, attempt, Now + _services.AttemptTimeout);
        _inFlight[m.QueueId] = attempt;
        _services.Delivery.Tell(request, Self);
        Timers.StartSingleTimer("attempt-" + m.QueueId, new AttemptTimedOut(m.QueueId, attempt), _services.AttemptTimeout * 2);
    }

    private int RetryNow(IEnumerable<QueuedMessage> messages)
    {
        var count = 0;
        var now = Now;
        foreach (var m in messages.ToArray())
        {
            if (m.Held || Busy(m.QueueId) || !m.HasUndelivered)
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

    /// <summary>
    /// Records an attempt's outcomes. A report of the current attempt frees its slot; a late one
    /// (of an attempt the queue stopped waiting for) still counts for what it says, since a
    /// delivery it reports did happen, but never for recipients it does not name. A synthetic
    /// report (the agent never answered) defers everyone and never expires the message: only a
    /// real temporary failure past the lifetime returns it to the sender.
    /// </summary>
    private void OnReport(DeliveryReport report, bool synthetic)
    {
        var current = _inFlight.TryGetValue(report.QueueId, out var attempt) && attempt == report.Attempt;
        if (current)
        {
            _inFlight.Remove(report.QueueId);
            Timers.Cancel("attempt-" + report.QueueId);
            _services.Manager.Tell(new ReleaseSlots(1));
        }
        if (!_state.Messages.TryGetValue(report.QueueId, out var m))
        {
            Kick();
            return;
        }
        var now = Now;
        var byAddress = new Dictionary<string, RecipientOutcome>(StringComparer.Ordinal);
        foreach (var o in report.Outcomes)
            byAddress.TryAdd(o.Address, o);
        var expired = !synthetic && _services.Schedule.Expired(m.Arrival, m.Envelope.Sender, now);
        var outcomes = new List<RecipientOutcome>();
        foreach (var r in m.Recipients.Where(r => !r.IsFinal))
        {
            if (!byAddress.TryGetValue(r.Address, out var o))
            {
                if (!current)
                    continue;
                o = new RecipientOutcome(r.Address, DeliveryStatus.Deferred, "4.3.0", "delivery agent gave no result (timed out or crashed)");
            }
            if (o.Status == DeliveryStatus.Deferred && expired)
            {
                // Postfix keeps the last temporary status and reason, and returns the message.
                o = o with { Status = DeliveryStatus.Failed };
                _log.Info("{0}: to=<{1}>, relay={2}, delay={3:0.#}, dsn={4}, status=expired, returned to sender ({5})",
                    m.QueueId, o.Address, o.Relay, (now - m.Arrival).TotalSeconds, o.Dsn, o.Diagnostic);
            }
            outcomes.Add(o);
        }
        if (outcomes.Count == 0)
        {
            Reschedule(m);
            Kick();
            return;
        }
        Metrics.MailMetrics.Count(outcomes);
        var warn = !m.DelayWarned && outcomes.Any(o => o.Status == DeliveryStatus.Deferred) && _services.Schedule.DelayWarningDue(m.Arrival, now);
        // Until the result is in the state, the message must not be handed out again (a flush
        // now would send it to recipients that were just delivered).
        _recording.Add(m.QueueId);
        Write(new DeliveryAttempted(m.QueueId, now, outcomes, _services.Schedule.NextAttempt(m.Arrival, now), warn));
    }

    /// Persists one event and then follows up on the message it changed.
    private void Write(IQueueEvent e, Action? then = null)
    {
        _unfinishedWrites++;
        PersistAsync(e, persisted =>
        {
            _unfinishedWrites--;
            if (persisted is DeliveryAttempted)
                _recording.Remove(persisted.QueueId);
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
            TryStop();
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
        if (_stopping || _notices.Values.Any(n => n.QueueId == m.QueueId))
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
        var addresses = recipients.Select(r => r.Address).ToArray();
        var noticeId = NoticeId(m, kind, addresses);
        _notices[noticeId] = new Notice(m.QueueId, kind, addresses);
        _services.Bouncer.Tell(new SendNotice(noticeId, dsn, m.BlobId), Self);
        Timers.StartSingleTimer("notice-" + noticeId, new NoticeFailed(noticeId, "no answer from the bouncer"), NoticeTimeout);
    }

    /// <summary>
    /// The DSN's own queue id: the same request after a crash or a lost answer gets the same
    /// id (and is recognised downstream); a notice for a different set of recipients gets
    /// another, so no recipient's notice is swallowed by an earlier one.
    /// </summary>
    private string NoticeId(QueuedMessage m, NoticeKind kind, IEnumerable<string> addresses) =>
        $"{m.QueueId}N{_hopTag}{m.NoticeCount}{(char)('A' + (int)kind)}{MessageBlobs.HopTag(string.Join('\n', addresses))[..4]}";

    private void OnNoticeQueued(NoticeQueued queued)
    {
        if (!_notices.TryGetValue(queued.NoticeId, out var notice) || !_noticesRecording.Add(queued.NoticeId))
            return; // a late answer after a time-out: the retry, idempotent, will settle it
        Timers.Cancel("notice-" + queued.NoticeId);
        _log.Info("{0}: sender notification: {1}", notice.QueueId, queued.NoticeId);
        Write(new NoticesSent(notice.QueueId, notice.Addresses, notice.Kind), () =>
        {
            _notices.Remove(queued.NoticeId);
            _noticesRecording.Remove(queued.NoticeId);
            if (_state.Messages.TryGetValue(notice.QueueId, out var m))
                SendNotice(m);
        });
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

    private sealed record AttemptTimedOut(string QueueId, int Attempt);

    private sealed record SlotsOverdue
    {
        public static SlotsOverdue Instance { get; } = new();
    }

    private sealed record Notice(string QueueId, NoticeKind Kind, IReadOnlyList<string> Addresses);
}
