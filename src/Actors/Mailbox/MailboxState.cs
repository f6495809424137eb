using System.Collections.Immutable;

namespace Mail.Actors.Mailbox;

/// <summary>
/// The pure state of one user's mailbox: all of the user's folders in one entity, so that COPY
/// and MOVE are atomic (one batch of events). <c>Decide*</c> turns commands into events,
/// <c>Apply</c> folds events in. Immutable, so the actor can hand it to readers.
/// Idempotency: a queue id seen before (still present, or expunged recently) is never appended
/// twice; the recently-expunged window is bounded so the state does not grow forever.
/// A blob is shared by the copies of a message; <see cref="BlobRefs"/> counts them, and a blob
/// may be deleted once its count is gone.
/// </summary>
public sealed partial record MailboxState(
    ImmutableSortedDictionary<string, FolderState> Folders,
    ImmutableSortedSet<string> Subscriptions,
    long LastUidValidity,
    bool HasDefaultFolders,
    ImmutableDictionary<string, MessageRef> UidByQueueId,
    ImmutableDictionary<string, MessageRef> ExpungedQueueIds,
    ImmutableQueue<string> ExpungedOrder,
    ImmutableDictionary<string, int> BlobRefs,
    long StorageUsed)
{
    public const int ExpungedMemory = 10_000;

    /// Folders created with every mailbox (RFC 6154 special uses), all subscribed with INBOX.
    public static readonly IReadOnlyList<(string Name, string SpecialUse)> DefaultFolders =
    [
        ("Sent", SpecialUse.Sent), ("Drafts", SpecialUse.Drafts), ("Trash", SpecialUse.Trash),
        ("Junk", SpecialUse.Junk), ("Archive", SpecialUse.Archive),
    ];

    public static readonly MailboxState Empty = new(
        ImmutableSortedDictionary.Create<string, FolderState>(StringComparer.Ordinal)
            .Add(FolderName.Inbox, FolderState.New(FolderName.Inbox, 0)),
        ImmutableSortedSet.Create<string>(StringComparer.Ordinal),
        0, false,
        ImmutableDictionary<string, MessageRef>.Empty,
        ImmutableDictionary<string, MessageRef>.Empty,
        ImmutableQueue<string>.Empty,
        ImmutableDictionary<string, int>.Empty, 0);

    /// Bytes allowed in all folders together (null: no limit). Not persisted: see <see cref="SetStorageLimit"/>.
    public long? StorageLimit { get; init; }

    public FolderState Inbox => Folders[FolderName.Inbox];

    public long UidValidity => Inbox.UidValidity;

    public long NextUid => Inbox.UidNext;

    public ImmutableSortedDictionary<long, StoredMessage> Messages => Inbox.Messages;

    public long TotalSize => Inbox.Size;

    public bool IsCreated => UidValidity != 0;

    public int MessageCount => Folders.Values.Sum(f => f.Messages.Count);

    /// The folder under a name as a client sent it (canonicalized), or null.
    public FolderState? Folder(string name) =>
        FolderName.Normalize(name) is { } canonical && Folders.TryGetValue(canonical, out var folder) ? folder : null;

    public bool HasChildren(string name) => Folders.Keys.Any(n => FolderName.IsUnder(n, name));

    /// UIDVALIDITY of a new folder incarnation: the time, but never one issued before in this
    /// mailbox (two folders created in the same second, or a folder deleted and created again).
    public long NextUidValidity(DateTimeOffset now) => Math.Max(now.ToUnixTimeSeconds(), LastUidValidity + 1);

    public bool WouldExceedLimit(long moreBytes) => StorageLimit is { } limit && moreBytes > 0 && StorageUsed + moreBytes > limit;

    public bool TryFindQueueId(string queueId, out long uid)
    {
        var found = TryFindAppended(queueId, out MessageRef? where);
        uid = where?.Uid ?? 0;
        return found;
    }

    public bool TryFindAppended(string queueId, out MessageRef? where) =>
        UidByQueueId.TryGetValue(queueId, out where) || ExpungedQueueIds.TryGetValue(queueId, out where);

    public FolderList List(RecentFloors floors) => new(
        [.. Folders.Values.OrderBy(f => !FolderName.IsInbox(f.Name)).Select(f => f.Info(floors.Of(f.Name)))],
        [.. Subscriptions]);
}

/// Where a queue id was appended: dedupes a retried delivery or APPEND.
public sealed record MessageRef(string Folder, long Uid);
