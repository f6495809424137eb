using Akka.Actor;
using Akka.Event;
using Mail.Actors.Mailbox;

namespace Mail.Actors.Imap;

/// <summary>
/// Keeping the selection alive. The mailbox actor passivates when idle and moves when its
/// shard moves; a selected session keeps it awake (<see cref="KeepMaildrop"/> every 30 s),
/// and when it stops anyway it tells the session (<see cref="FolderUnselected"/> with
/// FolderStillExists), which selects again and turns the difference between its view and
/// the fresh folder into ordinary pending changes. A folder deleted or renamed under the
/// session ends it with BYE, as Dovecot does: its sequence numbers mean nothing any more.
/// </summary>
public sealed partial class ImapSession
{
    private static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(30);

    private void StartKeepAlive() =>
        Timers.StartPeriodicTimer("keep-mailbox", new KeepMaildrop(_mailboxId!), KeepAliveEvery);

    private void StopKeepAlive() => Timers.Cancel("keep-mailbox");

    private void OnFolderUnselected(FolderUnselected u)
    {
        if (_selected is null || _selected.Folder != u.Folder)
            return;
        if (u.FolderStillExists)
        {
            Log.Info("imap reselect user=<{0}> folder=<{1}>: {2}", _mailboxId!, u.Folder, u.Reason);
            Services.Mailboxes.Tell(new SelectFolder(_mailboxId!, _selected.Folder, Self, _selected.ReadOnly), Self);
            return;
        }
        _selected = null;
        SayBye("Selected mailbox was " + u.Reason);
    }

    /// The answer to a re-selection (a SELECT command's own answer goes to its Ask).
    private void OnReselected(FolderSelected fresh)
    {
        var view = _selected;
        if (view is null || view.Folder != fresh.Folder)
            return;
        if (fresh.UidValidity != view.UidValidity)
        {
            _selected = null;
            SayBye("Selected mailbox was recreated");
            return;
        }
        view.Enqueue(view.DifferenceTo(fresh), ownSilentStore: false);
        if (_mode == ReadMode.IdleDone)
            FlushChanges(expungesAllowed: true);
    }
}
