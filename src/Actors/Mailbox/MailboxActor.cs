using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Mail.Actors.Storage;

namespace Mail.Actors.Mailbox;

/// <summary>
/// One user's mailbox: a persistent, sharded entity (id = canonical address). It owns the
/// message list (UIDs, sizes, blob ids), never the bodies.
///
/// Writes are group-committed: while one batch of events is being written, new commands
/// queue up in <see cref="_pending"/> and go out together as the next batch, so a burst of
/// deliveries costs one journal round trip per batch instead of one per message (a plain
/// Persist per message caps a mailbox at about 1k appends/s on SQLite). Replies are sent only
/// after the batch is durable, which is what lets SMTP answer 250 safely.
///
/// POP3 holds an exclusive lock (RFC 1939) that lives only in memory and dies with the
/// session actor (watched). Expunged blobs are deleted after the expunge event is durable;
/// a crash in between leaves an orphan file, never a message without a body.
/// </summary>
public sealed class MailboxActor : ReceivePersistentActor
{
    private const int SnapshotEvery = 1000;

    private readonly IBlobStore _blobs;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<(object Command, IActorRef Sender)> _pending = [];
    private MailboxState _state = MailboxState.Empty;
    private bool _writing;
    private long _eventsSinceSnapshot;
    private IActorRef? _lockHolder;

    public MailboxActor(string mailboxId, IBlobStore blobs)
    {
        MailboxId = mailboxId;
        _blobs = blobs;
        PersistenceId = "mailbox-" + mailboxId;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is MailboxSnapshot snapshot)
                _state = snapshot.ToState();
        });
        Recover<IMailboxEvent>(e => _state = _state.Apply(e));

        Command<AppendToMailbox>(cmd => Enqueue(cmd));
        Command<CloseMaildrop>(cmd => Enqueue(cmd));
        Command<OpenMaildrop>(OnOpenMaildrop);
        Command<KeepMaildrop>(_ => { });
        Command<GetMailboxStatus>(_ => Sender.Tell(new MailboxStatus(
            MailboxId, _state.UidValidity, _state.NextUid, _state.Messages.Count, _state.TotalSize)));
        Command<Terminated>(t =>
        {
            if (t.ActorRef.Equals(_lockHolder))
                _lockHolder = null;
        });
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of mailbox [{0}] failed", MailboxId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public string MailboxId { get; }

    public override string PersistenceId { get; }

    public static Props Props(string mailboxId, IBlobStore blobs) => Akka.Actor.Props.Create(() => new MailboxActor(mailboxId, blobs));

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

    private void Enqueue(object command)
    {
        _pending.Add((command, Sender));
        if (!_writing)
            Flush();
    }

    /// Decides everything pending against a projected state, writes it as one batch,
    /// and replies once the batch is durable.
    private void Flush()
    {
        var batch = _pending.ToArray();
        _pending.Clear();
        var projected = _state;
        var events = new List<IMailboxEvent>();
        var replies = new List<Action>(batch.Length);
        var deletions = new List<string>();

        var appends = batch.Where(b => b.Command is AppendToMailbox).ToArray();
        if (appends.Length > 0)
        {
            var (appendEvents, uids) = projected.DecideAppends([.. appends.Select(a => (AppendToMailbox)a.Command)], DateTimeOffset.UtcNow);
            projected = Fold(projected, appendEvents, events);
            for (var i = 0; i < appends.Length; i++)
            {
                var (cmd, sender) = ((AppendToMailbox)appends[i].Command, appends[i].Sender);
                var ack = new MessageAppended(cmd.QueueId, uids[i], cmd.BlobId, cmd.Size, cmd.InternalDate);
                replies.Add(() => sender.Tell(ack));
            }
        }
        foreach (var (command, sender) in batch)
        {
            if (command is not CloseMaildrop close)
                continue;
            if (_lockHolder is not null && !close.Session.Equals(_lockHolder))
            {
                // Another session holds the lock now: this one lost it (its actor was taken for
                // dead) and must not expunge what the other session sees. A free lock is fine:
                // the mailbox may have been passivated and recovered while the session was idle.
                replies.Add(() => sender.Tell(new MaildropClosed(MailboxId, 0)));
                continue;
            }
            var expungeEvents = projected.DecideExpunge(close.ExpungeUids);
            deletions.AddRange(expungeEvents.OfType<MessagesExpunged>().SelectMany(x => x.Uids).Select(u => projected.Messages[u].BlobId));
            projected = Fold(projected, expungeEvents, events);
            var count = expungeEvents.OfType<MessagesExpunged>().Sum(x => x.Uids.Count);
            replies.Add(() =>
            {
                if (close.Session.Equals(_lockHolder))
                {
                    Context.Unwatch(_lockHolder);
                    _lockHolder = null;
                }
                sender.Tell(new MaildropClosed(MailboxId, count));
            });
        }

        if (events.Count == 0)
        {
            replies.ForEach(r => r());
            return;
        }
        _writing = true;
        PersistAllAsync(events, e => _state = _state.Apply(e));
        DeferAsync(events.Count, _ =>
        {
            _writing = false;
            replies.ForEach(r => r());
            if (deletions.Count > 0)
                DeleteBlobs(deletions);
            MaybeSnapshot(events.Count);
            if (_pending.Count > 0)
                Flush();
        });
    }

    private static MailboxState Fold(MailboxState state, IReadOnlyList<IMailboxEvent> events, List<IMailboxEvent> into)
    {
        foreach (var e in events)
            state = state.Apply(e);
        into.AddRange(events);
        return state;
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

    private void MaybeSnapshot(int written)
    {
        // A snapshot costs the whole message list, so a big mailbox snapshots less often: the
        // events replayed on recovery never outnumber the messages in the snapshot.
        _eventsSinceSnapshot += written;
        if (_eventsSinceSnapshot < Math.Max(SnapshotEvery, _state.Messages.Count))
            return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(MailboxSnapshot.From(_state));
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The batch's replies must not go out as if it were durable: fail loudly and let the
        // senders time out and retry (the queue id keeps the retry idempotent).
        _log.Error(cause, "Mailbox [{0}]: journal rejected event {1} (seq {2})", MailboxId, @event.GetType().Name, sequenceNr);
        throw new InvalidOperationException($"journal rejected an event of mailbox {MailboxId}", cause);
    }
}
