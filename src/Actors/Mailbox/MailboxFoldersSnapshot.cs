using System.Collections.Immutable;

namespace Mail.Actors.Mailbox;

/// <summary>
/// Persisted snapshot "mbs2" of <see cref="MailboxState"/> (schema, like the events): flat lists,
/// so that recovery of a large mailbox reads one row instead of its whole history. Blob
/// reference counts and sizes are recomputed from the messages.
/// </summary>
public sealed record MailboxFoldersSnapshot(
    long LastUidValidity,
    bool HasDefaultFolders,
    IReadOnlyList<FolderSnapshot> Folders,
    IReadOnlyList<string> Subscriptions,
    IReadOnlyList<QueueIdRef> Appended,
    IReadOnlyList<QueueIdRef> Expunged)
{
    public static MailboxFoldersSnapshot From(MailboxState s) => new(
        s.LastUidValidity,
        s.HasDefaultFolders,
        [.. s.Folders.Values.Select(f => new FolderSnapshot(f.Name, f.UidValidity, f.UidNext, f.HighestModSeq, f.SpecialUse, f.NoSelect, [.. f.Messages.Values]))],
        [.. s.Subscriptions],
        [.. s.UidByQueueId.Select(kv => new QueueIdRef(kv.Key, kv.Value.Folder, kv.Value.Uid))],
        [.. s.ExpungedOrder.Select(q => new QueueIdRef(q, s.ExpungedQueueIds[q].Folder, s.ExpungedQueueIds[q].Uid))]);

    public MailboxState ToState() => Restore(
        MailboxState.Empty with
        {
            LastUidValidity = LastUidValidity,
            HasDefaultFolders = HasDefaultFolders,
            Subscriptions = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, Subscriptions),
        },
        Folders.Select(f => new FolderState(
            f.Name, f.UidValidity, f.UidNext, f.HighestModSeq, f.SpecialUse, f.NoSelect,
            f.Messages.ToImmutableSortedDictionary(m => m.Uid, m => m), f.Messages.Sum(m => m.Size))),
        Appended,
        Expunged);

    /// A state with <paramref name="folders"/> and the queue-id memory, counting blob references and usage.
    internal static MailboxState Restore(MailboxState start, IEnumerable<FolderState> folders, IEnumerable<QueueIdRef> appended, IEnumerable<QueueIdRef> expunged)
    {
        var all = folders.ToArray();
        var expungedList = expunged.ToArray();
        var refs = all.SelectMany(f => f.Messages.Values).GroupBy(m => m.BlobId).ToImmutableDictionary(g => g.Key, g => g.Count());
        return start with
        {
            Folders = start.Folders.SetItems(all.Select(f => KeyValuePair.Create(f.Name, f))),
            UidByQueueId = appended.ToImmutableDictionary(r => r.QueueId, r => new MessageRef(r.Folder, r.Uid)),
            ExpungedQueueIds = expungedList.ToImmutableDictionary(r => r.QueueId, r => new MessageRef(r.Folder, r.Uid)),
            ExpungedOrder = ImmutableQueue.CreateRange(expungedList.Select(r => r.QueueId)),
            BlobRefs = refs,
            StorageUsed = all.Sum(f => f.Size),
        };
    }
}

public sealed record FolderSnapshot(
    string Name,
    long UidValidity,
    long UidNext,
    ulong HighestModSeq,
    string? SpecialUse,
    bool NoSelect,
    IReadOnlyList<StoredMessage> Messages);

public sealed record QueueIdRef(string QueueId, string Folder, long Uid);
