using System.Collections.Immutable;

namespace Mail.Actors.Mailbox;

/// <summary>
/// Snapshot "mbs1", written before folders existed (schema: still read, no longer written).
/// It becomes a mailbox whose INBOX holds the messages, without the default folders, which
/// the next command adds.
/// </summary>
public sealed record MailboxSnapshot(
    long UidValidity,
    long NextUid,
    IReadOnlyList<StoredMessage> Messages,
    IReadOnlyList<ExpungedQueueId> Expunged)
{
    public MailboxState ToState()
    {
        // Messages had no mod-sequence: they all take the first one of INBOX.
        var inbox = FolderState.New(FolderName.Inbox, UidValidity) with
        {
            UidNext = NextUid,
            Messages = Messages.ToImmutableSortedDictionary(m => m.Uid, m => m with { ModSeq = 1 }),
            Size = Messages.Sum(m => m.Size),
        };
        return MailboxFoldersSnapshot.Restore(
            MailboxState.Empty with { LastUidValidity = UidValidity },
            [inbox],
            Messages.Select(m => new QueueIdRef(m.QueueId, FolderName.Inbox, m.Uid)),
            Expunged.Select(e => new QueueIdRef(e.QueueId, FolderName.Inbox, e.Uid)));
    }
}

public sealed record ExpungedQueueId(string QueueId, long Uid);
