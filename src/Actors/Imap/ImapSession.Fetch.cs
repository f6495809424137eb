using Akka.Actor;
using Mail.Actors.Mailbox;
using Mail.Actors.Storage;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// FETCH and UID FETCH (RFC 3501 6.4.5, 6.4.8; CHANGEDSINCE from RFC 7162). Flags, dates and
/// sizes come from the session's view; ENVELOPE and BODYSTRUCTURE from the stored summary;
/// bodies are read only for sections. Messages go out in batches of
/// <see cref="ImapSettings.FetchBatch"/>, each read off the actor, so a "1:* BODY[]" over a
/// large folder never holds more than one batch in memory.
/// </summary>
public sealed partial class ImapSession
{
    // Some message of the current FETCH had its body deleted by another session's EXPUNGE.
    private bool _fetchLostMessages;

    private void OnFetch(FetchRequest fetch)
    {
        _fetchLostMessages = false;
        var view = _selected!;
        if (!fetch.Uid && !view.SequenceSetValid(fetch.Set))
        {
            Bad("Invalid message sequence number");
            return;
        }
        var targets = view.Resolve(fetch.Set, fetch.Uid)
            .Where(t => fetch.ChangedSince is not { } since || t.Message.ModSeq > since)
            .ToArray();
        // With CONDSTORE enabled, flags go out with their MODSEQ as in Dovecot: a client syncing
        // with "UID FETCH 1:* (FLAGS)" after SELECT (CONDSTORE) learns where it stands.
        var addModSeq = fetch.ChangedSince is not null
            || (CondStoreEnabled && (fetch.Attributes.Contains(FetchAttribute.ModSeq) || fetch.Attributes.Contains(FetchAttribute.Flags)));
        if (fetch.ChangedSince is not null)
            _enabled.Add("CONDSTORE"); // RFC 7162 3.1: CHANGEDSINCE enables CONDSTORE
        if (FetchComposer.SetsSeen(fetch.Attributes) && !view.ReadOnly)
        {
            var unseen = targets.Where(t => !t.Message.Has(MessageFlags.Seen)).Select(t => t.Message.Uid).ToArray();
            if (unseen.Length > 0)
            {
                var store = new StoreFlags(_mailboxId!, view.Folder, unseen, StoreFlagsMode.Add, [MessageFlags.Seen], null, Self);
                RunAsync(async () =>
                {
                    await AskMailbox(store);
                    // The view got the new flags (FolderChanged comes first); they go out with the
                    // FETCH responses instead of as separate updates.
                    return () => FetchBatches(fetch, [.. unseen], addModSeq, 0, targets.Select(t => t.Message.Uid).ToArray());
                });
                return;
            }
        }
        FetchBatches(fetch, [], addModSeq, 0, targets.Select(t => t.Message.Uid).ToArray());
    }

    private void FetchBatches(FetchRequest fetch, HashSet<long> seenNow, bool addModSeq, int offset, long[] uids)
    {
        var view = _selected;
        if (view is null || offset >= uids.Length)
        {
            // RFC 2180 4.1.2 with the RFC 5530 code, as Dovecot answers: what could be sent was.
            if (_fetchLostMessages)
                No("[EXPUNGEISSUED] Some of the requested messages no longer exist");
            else
                Ok(fetch.Uid ? "UID FETCH completed" : "FETCH completed");
            return;
        }
        // Take this batch's message records now, on the actor: they are immutable snapshots.
        // A batch holds at most FetchBatch messages and, when bodies are read, about
        // FetchQueueLimit octets of them (but always one message).
        var (needSummary, needBody) = FetchComposer.Needs(fetch.Attributes);
        var batch = new List<(int Sequence, StoredMessage Message, bool Recent, bool AddFlags)>();
        var taken = 0;
        var octets = 0L;
        foreach (var uid in uids.Skip(offset).Take(_settings.FetchBatch))
        {
            if (needBody && taken > 0 && octets >= _settings.FetchQueueLimit)
                break;
            taken++;
            if (view.Message(uid) is not { } m)
                continue; // expunged and already reported meanwhile
            octets += m.Size;
            var sequence = view.SequenceOf(uid);
            batch.Add((sequence, m, view.IsRecent(uid), seenNow.Contains(uid)));
        }
        view.FlagsReported(batch.Where(b => b.AddFlags || fetch.Attributes.Contains(FetchAttribute.Flags)).Select(b => b.Message.Uid));
        var blobs = Services.Blobs;
        var summaries = Services.Summaries;
        var drained = Connection.WhenQueuedBelow(_settings.FetchQueueLimit);
        var stuckAfter = _settings.IdleTimeout;
        RunAsync(async () =>
        {
            try
            {
                await drained.WaitAsync(stuckAfter);
            }
            catch (TimeoutException)
            {
                return OutputStuck;
            }
            var responses = new List<byte[]>(batch.Count);
            var lost = false;
            foreach (var (sequence, message, recent, addFlags) in batch)
            {
                byte[]? body = null;
                MessageSummary? summary = null;
                try
                {
                    if (needBody)
                        body = await blobs.ReadAllAsync(message.BlobId);
                    if (needSummary)
                        summary = summaries is null ? MessageSummary.Create(body ?? await blobs.ReadAllAsync(message.BlobId)) : await summaries.GetAsync(message.BlobId, body);
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    lost = true; // expunged by another session, not yet told to this one
                    continue;
                }
                responses.Add(FetchComposer.Compose(sequence, message, recent, fetch.Attributes, addFlags, addModSeq, summary, body));
            }
            return () =>
            {
                foreach (var r in responses)
                    Send(r);
                _fetchLostMessages |= lost;
                FetchBatches(fetch, seenNow, addModSeq, offset + taken, uids);
            };
        });
    }

    // The client has read nothing of a FETCH for the whole idle timeout (Dovecot's
    // "Disconnected for inactivity" while output is stuck): the connection is dropped.
    private void OutputStuck()
    {
        Busy = false;
        Ending($"client read nothing for {_settings.IdleTimeout}");
        Close();
    }
}
