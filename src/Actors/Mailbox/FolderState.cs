using System.Collections.Immutable;

namespace Mail.Actors.Mailbox;

/// <summary>
/// One folder of a mailbox. <see cref="UidValidity"/> is fixed for this incarnation of the
/// name; <see cref="UidNext"/> only grows, so a UID is never reused, not even after the highest
/// message is expunged (RFC 3501 2.3.1.1). <see cref="HighestModSeq"/> grows with every change
/// (RFC 7162 3.1.1). A \Noselect folder only holds a place in the hierarchy for its children.
/// </summary>
public sealed record FolderState(
    string Name,
    long UidValidity,
    long UidNext,
    ulong HighestModSeq,
    string? SpecialUse,
    bool NoSelect,
    ImmutableSortedDictionary<long, StoredMessage> Messages,
    long Size)
{
    public static FolderState New(string name, long uidValidity, string? specialUse = null) =>
        new(name, uidValidity, 1, 1, specialUse, false, ImmutableSortedDictionary<long, StoredMessage>.Empty, 0);

    /// STATUS/LIST-STATUS figures; <paramref name="recentFloor"/> is the first UID not yet seen
    /// by a read-write SELECT (kept in memory by the actor, see <see cref="RecentFloors"/>).
    public FolderInfo Info(long recentFloor) => new(
        Name, SpecialUse, NoSelect, UidValidity, UidNext, HighestModSeq,
        Messages.Count,
        Messages.Values.Count(m => !m.Has(MessageFlags.Seen)),
        RecentUids(recentFloor).Count,
        Size);

    public IReadOnlyList<long> RecentUids(long recentFloor) =>
        recentFloor >= UidNext ? [] : [.. Messages.Keys.Where(uid => uid >= recentFloor)];

    /// The keywords in use, for the FLAGS and PERMANENTFLAGS of a SELECT.
    public IReadOnlyList<string> Keywords()
    {
        var keywords = new List<string>();
        foreach (var message in Messages.Values)
            keywords.AddRange(message.Flags.Where(f => MessageFlags.IsKeyword(f) && !MessageFlags.Contains(keywords, f)));
        return keywords;
    }

    public FolderState WithMessage(StoredMessage message) => this with
    {
        Messages = Messages.SetItem(message.Uid, message),
        Size = Size + message.Size - (Messages.TryGetValue(message.Uid, out var old) ? old.Size : 0),
    };

    /// The next mod-sequence, as every change takes one.
    public FolderState Bumped() => this with { HighestModSeq = HighestModSeq + 1 };
}
