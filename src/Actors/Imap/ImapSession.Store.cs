using Akka.Actor;
using Mail.Actors.Mailbox;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// STORE (RFC 3501 6.4.6, UNCHANGEDSINCE from RFC 7162 3.1.3), COPY (with COPYUID, RFC 4315)
/// and MOVE (RFC 6851). The mailbox changes the flags durably and tells every session of the
/// folder; this session answers with the new flags of every message it named (unless .SILENT).
/// </summary>
public sealed partial class ImapSession
{
    private void OnStore(StoreRequest store)
    {
        var view = _selected!;
        if (!store.Uid && !view.SequenceSetValid(store.Set))
        {
            Bad("Invalid message sequence number");
            return;
        }
        if (view.ReadOnly)
        {
            No("[READ-ONLY] Mailbox is read-only");
            return;
        }
        var flags = new List<string>();
        foreach (var flag in store.Flags)
        {
            if (MessageFlags.Canonical(flag) is not { } canonical)
            {
                Bad($"Invalid system flag {flag}");
                return;
            }
            flags.Add(canonical);
        }
        if (store.UnchangedSince is not null)
            _enabled.Add("CONDSTORE");
        var targets = view.Resolve(store.Set, store.Uid);
        if (targets.Count == 0)
        {
            Ok(store.Uid ? "UID STORE completed" : "STORE completed");
            return;
        }
        var mode = store.Mode switch
        {
            StoreMode.Add => StoreFlagsMode.Add,
            StoreMode.Remove => StoreFlagsMode.Remove,
            _ => StoreFlagsMode.Replace,
        };
        var command = new StoreFlags(_mailboxId!, view.Folder, [.. targets.Select(t => t.Message.Uid)], mode, flags, store.UnchangedSince, Self);
        RunAsync(async () =>
        {
            var reply = await AskMailbox(command);
            return () => Stored(store, targets, reply);
        });
    }

    private void Stored(StoreRequest store, IReadOnlyList<(int Sequence, StoredMessage Message)> targets, object reply)
    {
        var view = _selected;
        if (reply is not FlagsStored stored || view is null)
        {
            No("[NONEXISTENT] Mailbox is gone");
            return;
        }
        var failed = stored.FailedUnchangedSince.ToHashSet();
        if (!store.Silent)
        {
            foreach (var (_, before) in targets)
            {
                if (failed.Contains(before.Uid) || view.Message(before.Uid) is not { } m)
                    continue;
                var uid = store.Uid ? $"UID {m.Uid} " : "";
                var modseq = CondStoreEnabled ? $" MODSEQ ({m.ModSeq})" : "";
                SendLine($"* {view.SequenceOf(m.Uid)} FETCH ({uid}FLAGS ({ImapFlags.Render(m.Flags, view.IsRecent(m.Uid))}){modseq})");
            }
            view.FlagsReported(targets.Select(t => t.Message.Uid));
        }
        var verb = store.Uid ? "UID STORE" : "STORE";
        if (failed.Count > 0)
        {
            var set = store.Uid ? failed : targets.Where(t => failed.Contains(t.Message.Uid)).Select(t => (long)t.Sequence);
            Ok($"[MODIFIED {UidSetWriter.Write(set)}] Conditional {verb} failed");
            return;
        }
        Ok(verb + " completed");
    }

    private void OnCopy(bool byUid, SequenceSet set, string mailbox, bool move)
    {
        var view = _selected!;
        var verb = (byUid ? "UID " : "") + (move ? "MOVE" : "COPY");
        if (!byUid && !view.SequenceSetValid(set))
        {
            Bad("Invalid message sequence number");
            return;
        }
        if (move && view.ReadOnly)
        {
            No("[READ-ONLY] Mailbox is read-only");
            return;
        }
        if (FolderNames.FromWire(mailbox) is not { } to)
        {
            No("[TRYCREATE] Invalid mailbox name");
            return;
        }
        var uids = view.Resolve(set, byUid).Select(t => t.Message.Uid).ToArray();
        if (uids.Length == 0)
        {
            Ok(verb + " completed");
            return;
        }
        var command = new CopyMessages(_mailboxId!, view.Folder, uids, to, move, Self);
        RunAsync(async () =>
        {
            var reply = await AskMailbox(command);
            return () =>
            {
                switch (reply)
                {
                    case MessagesCopied copied when copied.SourceUids.Count == 0:
                        No("[EXPUNGEISSUED] Some of the requested messages no longer exist");
                        break;
                    case MessagesCopied copied:
                        var code = $"COPYUID {copied.DestUidValidity} {UidSetWriter.Write(copied.SourceUids)} {UidSetWriter.Write(copied.DestUids)}";
                        if (copied.SourceUids.Count < uids.Length)
                        {
                            // RFC 2180 4.4.1: messages another session expunged are not copied;
                            // the others were (Dovecot does the same), and their UIDs are told.
                            Untagged($"OK [{code}] {(move ? "Moved" : "Copied")}");
                            No("[EXPUNGEISSUED] Some of the requested messages no longer exist");
                        }
                        else if (move)
                        {
                            // RFC 6851 3.3: COPYUID goes in an untagged OK before the EXPUNGEs.
                            Untagged($"OK [{code}] Moved");
                            Ok(verb + " completed");
                        }
                        else
                        {
                            Ok($"[{code}] {verb} completed");
                        }
                        break;
                    default:
                        RefusedForTarget(reply, to);
                        break;
                }
            };
        });
    }
}
