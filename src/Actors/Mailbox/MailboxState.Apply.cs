using System.Collections.Immutable;

namespace Mail.Actors.Mailbox;

/// Folding events into the state. Every event that changes a folder takes its next mod-sequence.
public sealed partial record MailboxState
{
    public MailboxState Apply(IMailboxEvent e) => e switch
    {
        MailboxCreated c => WithFolder(Inbox with { UidValidity = c.UidValidity }) with { LastUidValidity = Math.Max(LastUidValidity, c.UidValidity) },
        MessageAppended a => ApplyAppend(a),
        MessagesExpunged x => ApplyExpunge(x.Folder ?? FolderName.Inbox, x.Uids),
        FolderCreated f => ApplyCreate(f),
        DefaultFoldersCreated d => d.Folders.Aggregate(this, (s, f) => s.ApplyCreate(f)) with
        {
            HasDefaultFolders = true,
            Subscriptions = Subscriptions.Union([FolderName.Inbox, .. d.Folders.Select(f => f.Name)]),
        },
        FolderDeleted d => ApplyDelete(d.Name),
        FolderRenamed r => ApplyRename(r),
        SubscriptionChanged s => this with { Subscriptions = s.Subscribed ? Subscriptions.Add(s.Name) : Subscriptions.Remove(s.Name) },
        FlagsChanged f => ApplyFlags(f),
        CopiesAppended c => ApplyCopies(c),
        _ => throw new ArgumentException($"unknown mailbox event {e.GetType().Name}", nameof(e)),
    };

    private MailboxState WithFolder(FolderState folder) => this with { Folders = Folders.SetItem(folder.Name, folder) };

    private MailboxState ApplyAppend(MessageAppended a)
    {
        var folder = Folders[a.Folder ?? FolderName.Inbox].Bumped();
        var message = new StoredMessage(a.Uid, a.QueueId, a.BlobId, a.Size, a.InternalDate) { Flags = a.Flags ?? [], ModSeq = folder.HighestModSeq };
        var replaced = folder.Messages.TryGetValue(a.Uid, out var old);
        return WithFolder(folder.WithMessage(message) with { UidNext = Math.Max(folder.UidNext, a.Uid + 1) }) with
        {
            UidByQueueId = UidByQueueId.SetItem(a.QueueId, new MessageRef(folder.Name, a.Uid)),
            BlobRefs = replaced ? BlobRefs : AddRef(BlobRefs, a.BlobId, 1),
            StorageUsed = StorageUsed + a.Size - (old?.Size ?? 0),
        };
    }

    private MailboxState ApplyCopies(CopiesAppended c)
    {
        var source = Folders[c.From];
        var target = Folders[c.To].Bumped();
        var refs = BlobRefs;
        var used = StorageUsed;
        var uid = c.FirstUid;
        foreach (var sourceUid in c.SourceUids)
        {
            if (source.Messages.TryGetValue(sourceUid, out var m) && !target.Messages.ContainsKey(uid))
            {
                target = target.WithMessage(m with { Uid = uid, ModSeq = target.HighestModSeq });
                refs = AddRef(refs, m.BlobId, 1);
                used += m.Size;
            }
            uid++;
        }
        return WithFolder(target with { UidNext = Math.Max(target.UidNext, uid) }) with { BlobRefs = refs, StorageUsed = used };
    }

    private MailboxState ApplyFlags(FlagsChanged f)
    {
        var folder = Folders[f.Folder].Bumped();
        foreach (var change in f.Changes)
        {
            if (folder.Messages.TryGetValue(change.Uid, out var m))
                folder = folder.WithMessage(m with { Flags = change.Flags, ModSeq = folder.HighestModSeq });
        }
        return WithFolder(folder);
    }

    private MailboxState ApplyExpunge(string folderName, IEnumerable<long> uids)
    {
        var folder = Folders[folderName];
        var messages = folder.Messages;
        var (byQueue, expunged, order, refs, used, size) = (UidByQueueId, ExpungedQueueIds, ExpungedOrder, BlobRefs, StorageUsed, folder.Size);
        foreach (var uid in uids)
        {
            if (!messages.TryGetValue(uid, out var m))
                continue;
            messages = messages.Remove(uid);
            size -= m.Size;
            used -= m.Size;
            refs = AddRef(refs, m.BlobId, -1);
            // Only the appended original is indexed; its copies share the queue id but not the entry.
            if (!byQueue.TryGetValue(m.QueueId, out var where) || where != new MessageRef(folderName, uid))
                continue;
            byQueue = byQueue.Remove(m.QueueId);
            expunged = expunged.SetItem(m.QueueId, where);
            order = order.Enqueue(m.QueueId);
            if (expunged.Count > ExpungedMemory)
            {
                order = order.Dequeue(out var oldest);
                expunged = expunged.Remove(oldest);
            }
        }
        if (messages.Count == folder.Messages.Count)
            return this;
        return WithFolder(folder.Bumped() with { Messages = messages, Size = size }) with
        {
            UidByQueueId = byQueue, ExpungedQueueIds = expunged, ExpungedOrder = order, BlobRefs = refs, StorageUsed = used,
        };
    }

    private MailboxState ApplyCreate(FolderCreated f) =>
        WithFolder(FolderState.New(f.Name, f.UidValidity, f.SpecialUse)) with { LastUidValidity = Math.Max(LastUidValidity, f.UidValidity) };

    private MailboxState ApplyDelete(string name)
    {
        var emptied = ApplyExpunge(name, Folders[name].Messages.Keys);
        return emptied.HasChildren(name)
            ? emptied.WithFolder(emptied.Folders[name] with { NoSelect = true, SpecialUse = null })
            : emptied with { Folders = emptied.Folders.Remove(name) };
    }

    private MailboxState ApplyRename(FolderRenamed r)
    {
        if (FolderName.IsInbox(r.From))
        {
            var moved = Move(Inbox, r.To);
            return moved.WithFolder(FolderState.New(FolderName.Inbox, r.NewInboxUidValidity)) with
            {
                LastUidValidity = Math.Max(LastUidValidity, r.NewInboxUidValidity),
            };
        }
        var state = this;
        foreach (var folder in Folders.Values.Where(f => f.Name == r.From || FolderName.IsUnder(f.Name, r.From)))
            state = state.Move(folder, FolderName.Rebase(folder.Name, r.From, r.To));
        return state;
    }

    /// The folder under a new name, with the queue-id index following its messages.
    private MailboxState Move(FolderState folder, string to)
    {
        var byQueue = UidByQueueId;
        foreach (var m in folder.Messages.Values)
        {
            if (byQueue.TryGetValue(m.QueueId, out var where) && where == new MessageRef(folder.Name, m.Uid))
                byQueue = byQueue.SetItem(m.QueueId, new MessageRef(to, m.Uid));
        }
        return this with { Folders = Folders.Remove(folder.Name).SetItem(to, folder with { Name = to }), UidByQueueId = byQueue };
    }

    private static ImmutableDictionary<string, int> AddRef(ImmutableDictionary<string, int> refs, string blobId, int delta)
    {
        var count = refs.GetValueOrDefault(blobId) + delta;
        return count > 0 ? refs.SetItem(blobId, count) : refs.Remove(blobId);
    }

    /// Blobs that lose a reference by <paramref name="e"/>: deletable if none is left after the batch.
    public IEnumerable<string> BlobsReleasedBy(IMailboxEvent e) => e switch
    {
        MessagesExpunged x when Folders.TryGetValue(x.Folder ?? FolderName.Inbox, out var f) =>
            x.Uids.Where(f.Messages.ContainsKey).Select(u => f.Messages[u].BlobId),
        FolderDeleted d when Folders.TryGetValue(d.Name, out var f) => f.Messages.Values.Select(m => m.BlobId),
        _ => [],
    };
}
