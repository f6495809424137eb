namespace Mail.Actors.Mailbox;

/// <summary>
/// One message as the mailbox knows it; the body stays in the blob store (shared by the copies
/// of one message in several folders). <see cref="Flags"/> are canonical (see
/// <see cref="MessageFlags"/>); <see cref="ModSeq"/> is the folder's mod-sequence of the last
/// change to the message (RFC 7162). Both are init properties so that snapshots written before
/// folders existed ("mbs1") still read: they come back without flags and with ModSeq 0.
/// </summary>
public sealed record StoredMessage(long Uid, string QueueId, string BlobId, long Size, DateTimeOffset InternalDate)
{
    private readonly IReadOnlyList<string> _flags = [];

    // The JSON source generator sets every init property, a missing one to null: an mbs1 message has none.
    public IReadOnlyList<string> Flags { get => _flags; init => _flags = value ?? []; }

    public ulong ModSeq { get; init; }

    public bool Has(string flag) => MessageFlags.Contains(Flags, flag);

    // Flags compare as a set (lists from JSON are never the same instance as those in memory).
    public bool Equals(StoredMessage? other) =>
        other is not null
        && (Uid, QueueId, BlobId, Size, InternalDate, ModSeq) == (other.Uid, other.QueueId, other.BlobId, other.Size, other.InternalDate, other.ModSeq)
        && MessageFlags.SameSet(Flags, other.Flags);

    public override int GetHashCode() => HashCode.Combine(Uid, QueueId, BlobId, ModSeq);
}
