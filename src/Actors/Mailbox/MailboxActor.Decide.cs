using Akka.Actor;
using Akka.Event;

namespace Mail.Actors.Mailbox;

/// <summary>
/// One queued command against the projected state: its events and what to do once they are
/// durable. The pure decisions live in <see cref="MailboxState"/>; what is here is the part
/// that needs the actor: the POP3 lock, recent floors, session subscriptions, reply envelopes.
/// </summary>
public sealed partial class MailboxActor
{
    private (IReadOnlyList<IMailboxEvent> Events, Action Reply) Decide(object command, IActorRef sender, MailboxState state)
    {
        var now = DateTimeOffset.UtcNow;
        switch (command)
        {
            case AppendToMailbox a:
                return DecideDelivery(a, sender, state);
            case CloseMaildrop close:
                return DecideClose(close, sender, state);
            case SelectFolder select:
                return ([], Select(select, sender, state));
            case DeselectFolder deselect:
                return ([], () => _selected.Deselect(deselect.Session));
            case ListFolders:
                return Read(sender, state.List(_recent));
            case GetFolderStatus status:
                return Read(sender, state.Folder(status.Folder) is { } f
                    ? f.Info(_recent.Of(f.Name))
                    : FolderResult.Fail(FolderError.NoSuchFolder, "Mailbox does not exist."));
            case CreateFolder create:
                return Answer(sender, state.DecideCreate(create.Name, create.SpecialUse, now));
            case DeleteFolder delete:
                var deleted = state.DecideDelete(delete.Name);
                foreach (var d in deleted.Events.OfType<FolderDeleted>())
                    _recent.Remove(d.Name);
                return Answer(sender, deleted);
            case RenameFolder rename:
                var renamed = state.DecideRename(rename.From, rename.To, now);
                foreach (var r in renamed.Events.OfType<FolderRenamed>())
                    _recent.Rename(r.From, r.To, withChildren: !FolderName.IsInbox(r.From));
                return Answer(sender, renamed);
            case SetSubscription subscription:
                return Answer(sender, state.DecideSubscription(subscription.Name, subscription.Subscribed));
            case AppendMessage append:
                return Answer(sender, state.DecideAppendMessage(append));
            case StoreFlags store:
                return Answer(sender, state.DecideStore(store));
            case CopyMessages copy:
                return Answer(sender, state.DecideCopy(copy));
            case ExpungeFolder expunge:
                return Answer(sender, state.DecideExpunge(expunge));
            default:
                _log.Warning("Mailbox [{0}]: unhandled command {1}", MailboxId, command.GetType().Name);
                return ([], () => { });
        }
    }

    private static (IReadOnlyList<IMailboxEvent>, Action) Answer<T>(IActorRef sender, (IReadOnlyList<IMailboxEvent> Events, T Reply) decided)
        where T : notnull
    {
        var reply = decided.Reply;
        return (decided.Events, () => sender.Tell(reply));
    }

    private static (IReadOnlyList<IMailboxEvent>, Action) Read(IActorRef sender, object reply) => ([], () => sender.Tell(reply));

    private static IActorRef? OriginOf(object command) => command switch
    {
        StoreFlags s => s.Session,
        CopyMessages c => c.Session,
        ExpungeFolder x => x.Session,
        CloseMaildrop m => m.Session,
        _ => null,
    };

    private (IReadOnlyList<IMailboxEvent>, Action) DecideDelivery(AppendToMailbox cmd, IActorRef sender, MailboxState state)
    {
        var (appended, uid) = state.DecideAppend(FolderName.Inbox, cmd.QueueId, cmd.BlobId, cmd.Size, cmd.InternalDate, null);
        object reply = uid == MailboxState.OverQuota
            ? new AppendRejected(MailboxId, cmd.QueueId, "Mailbox full", OverQuota: true)
            : new MessageAppended(cmd.QueueId, uid, cmd.BlobId, cmd.Size, cmd.InternalDate);
        return (appended is null ? [] : [appended], () => sender.Tell(reply));
    }

    private (IReadOnlyList<IMailboxEvent>, Action) DecideClose(CloseMaildrop close, IActorRef sender, MailboxState state)
    {
        if (_lockHolder is not null && !close.Session.Equals(_lockHolder))
        {
            // Another session holds the lock now: this one lost it (its actor was taken for
            // dead) and must not expunge what the other session sees. A free lock is fine:
            // the mailbox may have been passivated and recovered while the session was idle.
            return ([], () => sender.Tell(new MaildropClosed(MailboxId, 0)));
        }
        var events = state.DecideExpunge(close.ExpungeUids);
        var count = events.OfType<MessagesExpunged>().Sum(x => x.Uids.Count);
        return (events, () =>
        {
            if (close.Session.Equals(_lockHolder))
            {
                Context.Unwatch(_lockHolder);
                _lockHolder = null;
            }
            sender.Tell(new MaildropClosed(MailboxId, count));
        });
    }

    /// SELECT answers with the folder as of this point of the batch; the session's subscription
    /// starts at the same point, so it misses no later change and sees none twice.
    private Action Select(SelectFolder cmd, IActorRef sender, MailboxState state)
    {
        if (state.Selectable(cmd.Folder, out var error) is not { } folder)
            return () =>
            {
                _selected.Deselect(cmd.Session);
                sender.Tell(error!);
            };
        var recent = cmd.ReadOnly ? folder.RecentUids(_recent.Of(folder.Name)) : _recent.Claim(folder);
        var selected = new FolderSelected(
            folder.Name, folder.UidValidity, folder.UidNext, folder.HighestModSeq, [.. folder.Messages.Values], recent, folder.Keywords());
        return () =>
        {
            _selected.Select(cmd.Session, folder.Name);
            Context.Watch(cmd.Session);
            sender.Tell(selected);
        };
    }
}
