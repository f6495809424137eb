using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Mail.Actors.Storage;

namespace Mail.Actors.Mailbox;

/// <summary>
/// One user's mailbox: a persistent, sharded entity (id = canonical address) holding all of the
/// user's folders (so COPY and MOVE are one atomic batch, like Dovecot's per-user home). It owns
/// the message lists (UIDs, flags, sizes, blob ids), never the bodies.
///
/// Writes are group-committed: while one batch of events is being written, new commands
/// queue up in <see cref="_pending"/> and go out together as the next batch, so a burst of
/// deliveries costs one journal round trip per batch instead of one per message (a plain
/// Persist per message caps a mailbox at about 1k appends/s on SQLite). Replies are sent only
/// after the batch is durable, which is what lets SMTP answer 250 safely. Reads of folders go
/// through the same queue, so every answer and notification leaves in command order: a session
/// gets the <see cref="FolderChanged"/> of its own command before the reply to it.
///
/// POP3 holds an exclusive lock (RFC 1939) that lives only in memory and dies with the
/// session actor (watched); IMAP sessions that selected a folder are watched the same way.
/// Expunged blobs are deleted after the expunge event is durable, once no folder references
/// them; a crash in between leaves an orphan file, never a message without a body.
/// </summary>
public sealed partial class MailboxActor : ReceivePersistentActor
{
    private const int SnapshotEvery = 1000;

    private readonly IBlobStore _blobs;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<(object Command, IActorRef Sender)> _pending = [];
    private readonly RecentFloors _recent = new();
    private readonly SelectedSessions _selected = new();
    private MailboxState _state = MailboxState.Empty;
    private bool _writing;
    private long _eventsSinceSnapshot;
    private IActorRef? _lockHolder;
    private bool _stopping;
    private bool _finalSnapshot;

    public MailboxActor(string mailboxId, IBlobStore blobs, long? storageLimit = null)
    {
        MailboxId = mailboxId;
        _blobs = blobs;
        PersistenceId = "mailbox-" + mailboxId;

        Recover<SnapshotOffer>(offer => _state = offer.Snapshot switch
        {
            MailboxFoldersSnapshot s => s.ToState(),
            MailboxSnapshot legacy => legacy.ToState(),
            _ => _state,
        });
        Recover<IMailboxEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ =>
        {
            _recent.ResetAll(_state);
            // The node's default quota (maild.mailbox.quota); SetStorageLimit may change it later.
            _state = _state with { StorageLimit = storageLimit };
        });

        Command<OpenMaildrop>(OnOpenMaildrop);
        Command<KeepMaildrop>(_ => { });
        Command<SetStorageLimit>(cmd => _state = _state with { StorageLimit = cmd.Bytes });
        Command<GetMailboxStatus>(_ => Sender.Tell(new MailboxStatus(
            MailboxId, _state.UidValidity, _state.NextUid, _state.Messages.Count, _state.TotalSize, _state.StorageUsed, _state.StorageLimit)));
        Command<IWithMailboxId>(Enqueue);
        Command<Terminated>(t =>
        {
            if (t.ActorRef.Equals(_lockHolder))
                _lockHolder = null;
            _selected.Deselect(t.ActorRef);
        });
        Command<StopMailbox>(_ =>
        {
            _stopping = true;
            MaybeStop();
        });
        Command<SaveSnapshotSuccess>(s =>
        {
            DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1));
            if (_finalSnapshot)
                Context.Stop(Self);
        });
        Command<SaveSnapshotFailure>(f =>
        {
            _log.Warning(f.Cause, "Snapshot of mailbox [{0}] failed", MailboxId);
            if (_finalSnapshot)
                Context.Stop(Self);
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public string MailboxId { get; }

    public override string PersistenceId { get; }

    public static Props Props(string mailboxId, IBlobStore blobs, long? storageLimit = null) =>
        Akka.Actor.Props.Create(() => new MailboxActor(mailboxId, blobs, storageLimit));

    private void OnOpenMaildrop(OpenMaildrop cmd)
    {
        if (_lockHolder is not null && !_lockHolder.Equals(cmd.Session))
        {
            Sender.Tell(new MaildropInUse(MailboxId));
            return;
        }
        _lockHolder = cmd.Session;
        Context.Watch(cmd.Session);
        Sender.Tell(new MaildropOpened(MailboxId, _state.UidValidity, [.. _state.Messages.Values]));
    }

    private void Enqueue(IWithMailboxId command)
    {
        _pending.Add((command, Sender));
        if (!_writing)
            Flush();
    }

    /// <summary>
    /// Decides everything pending, in order, against a projected state, writes it as one batch,
    /// and once the batch is durable runs each command's outcome in order: notifications to the
    /// sessions of the folders it changed, then its reply.
    /// </summary>
    private void Flush()
    {
        var batch = _pending.ToArray();
        _pending.Clear();
        var events = new List<IMailboxEvent>();
        var released = new List<string>();
        var outcomes = new List<Action>(batch.Length);
        var projected = Fold(_state, _state.DecideInitialization(DateTimeOffset.UtcNow), events, released);
        foreach (var (command, sender) in batch)
        {
            var (decided, reply) = Decide(command, sender, projected);
            var before = projected;
            projected = Fold(projected, decided, events, released);
            var (changed, gone) = FolderChanges.Of(MailboxId, before, projected, decided, OriginOf(command));
            outcomes.Add(() =>
            {
                Notify(changed, gone);
                reply();
            });
        }

        if (events.Count == 0)
        {
            outcomes.ForEach(o => o());
            return;
        }
        _writing = true;
        PersistAllAsync(events, e => _state = _state.Apply(e));
        DeferAsync(events.Count, _ =>
        {
            _writing = false;
            outcomes.ForEach(o => o());
            var unreferenced = released.Distinct().Where(b => !_state.BlobRefs.ContainsKey(b)).ToList();
            if (unreferenced.Count > 0)
                DeleteBlobs(unreferenced);
            MaybeSnapshot(events.Count);
            if (_pending.Count > 0)
                Flush();
            else
                MaybeStop();
        });
    }

    private static MailboxState Fold(MailboxState state, IReadOnlyList<IMailboxEvent> events, List<IMailboxEvent> into, List<string> released)
    {
        foreach (var e in events)
        {
            released.AddRange(state.BlobsReleasedBy(e));
            state = state.Apply(e);
        }
        into.AddRange(events);
        return state;
    }

    private void Notify(IReadOnlyList<FolderChanged> changed, IReadOnlyList<string> gone)
    {
        foreach (var change in changed)
        {
            foreach (var session in _selected.Of(change.Folder))
                session.Tell(change);
        }
        foreach (var folder in gone)
        {
            foreach (var session in _selected.Of(folder))
            {
                _selected.Deselect(session);
                session.Tell(new FolderUnselected(MailboxId, folder, "Mailbox was deleted or renamed."));
            }
        }
    }

    private void DeleteBlobs(List<string> blobIds)
    {
        var blobs = _blobs;
        var log = _log;
        var id = MailboxId;
        _ = Task.Run(() =>
        {
            foreach (var blob in blobIds)
            {
                try { blobs.Delete(blob); }
                catch (IOException e) { log.Warning("Mailbox [{0}]: could not delete blob [{1}]: {2}", id, blob, e.Message); }
            }
        });
    }

    private const int MaxEventsBetweenSnapshots = 10_000;

    /// <summary>
    /// Passivation and shard hand-off stop the entity with <see cref="StopMailbox"/>: it ends
    /// its writes first and, with events since its last snapshot, saves one, so that the next
    /// start reads a snapshot instead of replaying the journal.
    /// </summary>
    private void MaybeStop()
    {
        if (!_stopping || _writing || _pending.Count > 0 || _finalSnapshot)
            return;
        if (_eventsSinceSnapshot == 0)
        {
            Context.Stop(Self);
            return;
        }
        _finalSnapshot = true;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(MailboxFoldersSnapshot.From(_state));
    }

    private void MaybeSnapshot(int written)
    {
        // A snapshot costs the whole message list, so a big mailbox snapshots less often (the
        // events replayed never outnumber the messages in the snapshot), but at least every
        // MaxEventsBetweenSnapshots: replaying 36,000 events of a 100,000-message mailbox took
        // 15 s here, a snapshot of it a fraction of that.
        _eventsSinceSnapshot += written;
        if (_eventsSinceSnapshot < Math.Max(SnapshotEvery, Math.Min(_state.MessageCount, MaxEventsBetweenSnapshots)))
            return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(MailboxFoldersSnapshot.From(_state));
    }

    protected override void PostStop()
    {
        // Selections live only in memory: sessions must select again on the mailbox's next incarnation.
        foreach (var (session, folder) in _selected.All)
            session.Tell(new FolderUnselected(MailboxId, folder, "Mailbox stopped.", FolderStillExists: true));
        base.PostStop();
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The batch's replies must not go out as if it were durable: fail loudly and let the
        // senders time out and retry (the queue id keeps the retry idempotent).
        _log.Error(cause, "Mailbox [{0}]: journal rejected event {1} (seq {2})", MailboxId, @event.GetType().Name, sequenceNr);
        throw new InvalidOperationException($"journal rejected an event of mailbox {MailboxId}", cause);
    }
}
