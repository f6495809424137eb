using Akka.Actor;
using Mail.Actors.Mailbox;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// SELECT/EXAMINE (RFC 3501 6.3.1-2, CONDSTORE 7162 3.1.8), CLOSE, UNSELECT (RFC 3691),
/// EXPUNGE and UID EXPUNGE (RFC 4315). Selecting subscribes this session to the folder's
/// changes at the mailbox; a failed SELECT leaves no folder selected (RFC 3501 6.3.1).
/// </summary>
public sealed partial class ImapSession
{
    private void OnSelect(SelectRequest select)
    {
        if (_selected is not null)
        {
            // RFC 7162 3.2.2 / RFC 3501: the old folder is closed (without expunge) first.
            if (CondStoreEnabled)
                Untagged("OK [CLOSED] Previous mailbox closed");
            Services.Mailboxes.Tell(new DeselectFolder(_mailboxId!, Self));
            _selected = null;
            _state = ImapState.Authenticated;
            StopKeepAlive();
        }
        if (FolderNames.FromWire(select.Mailbox) is not { } name)
        {
            No("[NONEXISTENT] Invalid mailbox name");
            return;
        }
        if (select.CondStore)
            _enabled.Add("CONDSTORE");
        var command = new SelectFolder(_mailboxId!, name, Self, select.ReadOnly);
        RunAsync(async () =>
        {
            var reply = await AskMailbox(command);
            return () => Selected(reply, select.ReadOnly);
        });
    }

    private void Selected(object reply, bool readOnly)
    {
        if (reply is not FolderSelected selected)
        {
            No(reply is FolderResult { Error: FolderError.NotAllowed }
                ? "[CANNOT] Mailbox can't be selected"
                : "[NONEXISTENT] Mailbox doesn't exist");
            return;
        }
        var view = new SelectedView(selected, readOnly);
        _selected = view;
        _state = ImapState.Selected;
        StartKeepAlive();
        var flags = string.Join(' ', MessageFlags.System.Concat(view.Keywords));
        Untagged($"FLAGS ({flags})");
        Untagged(readOnly
            ? "OK [PERMANENTFLAGS ()] Read-only mailbox"
            : $"OK [PERMANENTFLAGS ({flags} \\*)] Flags permitted");
        Untagged($"{view.Count} EXISTS");
        Untagged($"{view.RecentCount} RECENT");
        var firstUnseen = view.All().FirstOrDefault(m => !MessageFlags.Contains(m.Message.Flags, MessageFlags.Seen));
        if (firstUnseen.Message is not null)
            Untagged($"OK [UNSEEN {firstUnseen.Sequence}] First unseen");
        Untagged($"OK [UIDVALIDITY {view.UidValidity}] UIDs valid");
        Untagged($"OK [UIDNEXT {view.UidNext}] Predicted next UID");
        Untagged($"OK [HIGHESTMODSEQ {view.HighestModSeq}] Highest");
        Ok(readOnly ? "[READ-ONLY] Examine completed" : "[READ-WRITE] Select completed");
    }

    private void OnClose(bool expunge)
    {
        var view = _selected!;
        var mailboxId = _mailboxId!;
        Services.Mailboxes.Tell(new DeselectFolder(mailboxId, Self));
        _selected = null;
        _state = ImapState.Authenticated;
        StopKeepAlive();
        if (!expunge || view.ReadOnly)
        {
            Ok(expunge ? "Close completed" : "Unselect completed");
            return;
        }
        // CLOSE expunges silently (RFC 3501 6.4.2): no untagged EXPUNGE responses.
        var command = new ExpungeFolder(mailboxId, view.Folder, null, Self);
        RunAsync(async () =>
        {
            await AskMailbox(command);
            return () => Ok("Close completed");
        });
    }

    private void OnExpunge(SequenceSet? uids)
    {
        var view = _selected!;
        if (view.ReadOnly)
        {
            No("[READ-ONLY] Mailbox is read-only");
            return;
        }
        IReadOnlyList<long>? restrict = uids is null ? null : [.. view.Resolve(uids, byUid: true).Select(m => m.Message.Uid)];
        var command = new ExpungeFolder(_mailboxId!, view.Folder, restrict, Self);
        RunAsync(async () =>
        {
            // The mailbox tells this session (FolderChanged) before it answers, so the
            // EXPUNGE responses go out with the tagged OK below.
            await AskMailbox(command);
            return () => Ok("Expunge completed");
        });
    }
}
