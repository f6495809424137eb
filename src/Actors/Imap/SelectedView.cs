using Mail.Actors.Mailbox;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// The session's picture of its selected folder: message sequence numbers as the client knows
/// them. The mailbox reports changes at any time (<see cref="FolderChanged"/>); they wait here
/// until RFC 3501 lets the session tell the client (7.4.1: no EXPUNGE while no command is in
/// progress, nor during FETCH, STORE or SEARCH, because the client could not map sequence
/// numbers any more). An expunged message therefore stays in the view, with its old number,
/// until its EXPUNGE has been sent; new messages are added at the end, so numbers of existing
/// messages never shift under the client.
/// </summary>
public sealed class SelectedView
{
    private readonly List<long> _uids;
    private readonly Dictionary<long, StoredMessage> _messages;
    private readonly HashSet<long> _recent;
    private readonly HashSet<long> _pendingExpunges = [];
    private readonly SortedDictionary<long, StoredMessage> _pendingFlags = [];
    private readonly HashSet<long> _silentFlags = [];
    private int _reportedCount;
    private int _reportedRecent;

    public SelectedView(FolderSelected selected, bool readOnly)
    {
        Folder = selected.Folder;
        ReadOnly = readOnly;
        UidValidity = selected.UidValidity;
        UidNext = selected.UidNext;
        HighestModSeq = selected.HighestModSeq;
        _uids = [.. selected.Messages.Select(m => m.Uid).Order()];
        _messages = selected.Messages.ToDictionary(m => m.Uid);
        _recent = [.. selected.RecentUids];
        Keywords = [.. selected.Keywords];
        _reportedCount = _uids.Count;
        _reportedRecent = _recent.Count;
    }

    public string Folder { get; }

    public bool ReadOnly { get; }

    public long UidValidity { get; }

    public long UidNext { get; private set; }

    public ulong HighestModSeq { get; private set; }

    public int Count => _uids.Count;

    public int RecentCount => _recent.Count;

    public SortedSet<string> Keywords { get; }

    /// The UID of the highest-numbered message, 0 when empty ("*" in a UID set).
    public long LargestUid => _uids.Count == 0 ? 0 : _uids[^1];

    public long UidAt(int sequence) => _uids[sequence - 1];

    /// The sequence number of a message in the view (which must hold it).
    public int SequenceOf(long uid) => LowerBound(uid) + 1;

    public bool IsRecent(long uid) => _recent.Contains(uid);

    public StoredMessage? Message(long uid) => _messages.GetValueOrDefault(uid);

    public IEnumerable<(int Sequence, StoredMessage Message)> All() =>
        _uids.Select((uid, i) => (i + 1, _messages[uid]));

    /// <summary>
    /// The messages a sequence set names, ascending and without duplicates. For a UID set, UIDs
    /// that do not exist are skipped (RFC 3501 6.4.8); "*" is the largest UID in the view, so
    /// "n:*" always names at least the last message when the folder is not empty.
    /// </summary>
    public IReadOnlyList<(int Sequence, StoredMessage Message)> Resolve(SequenceSet set, bool byUid)
    {
        var sequences = new SortedSet<int>();
        foreach (var r in set.Ranges)
        {
            if (byUid)
            {
                var a = r.First == SequenceSet.Star ? LargestUid : r.First;
                var b = r.Last == SequenceSet.Star ? LargestUid : r.Last;
                if (a > b)
                    (a, b) = (b, a);
                for (var i = LowerBound(a); i < _uids.Count && _uids[i] <= b; i++)
                    sequences.Add(i + 1);
            }
            else
            {
                var a = r.First == SequenceSet.Star ? Count : Math.Min(r.First, Count);
                var b = r.Last == SequenceSet.Star ? Count : Math.Min(r.Last, Count);
                if (a > b)
                    (a, b) = (b, a);
                for (var s = (int)Math.Max(a, 1); s <= b; s++)
                    sequences.Add(s);
            }
        }
        return [.. sequences.Select(s => (s, _messages[_uids[s - 1]]))];
    }

    /// <summary>
    /// True when every number in a message-sequence set exists (RFC 3501: a number beyond
    /// EXISTS is a client error, "BAD" or "NO"; UID sets may name anything).
    /// </summary>
    public bool SequenceSetValid(SequenceSet set) =>
        set.Ranges.All(r => (r.First == SequenceSet.Star || (r.First >= 1 && r.First <= Count))
                         && (r.Last == SequenceSet.Star || (r.Last >= 1 && r.Last <= Count))
                         && Count > 0);

    /// Takes a change from the mailbox; it is reported at the next allowed point.
    public void Enqueue(FolderChanged change, bool ownSilentStore)
    {
        HighestModSeq = Math.Max(HighestModSeq, change.HighestModSeq);
        foreach (var m in change.Appended)
        {
            if (_messages.ContainsKey(m.Uid))
                continue;
            _messages[m.Uid] = m;
            _uids.Add(m.Uid); // appends always carry UIDs above every existing one
            UidNext = Math.Max(UidNext, m.Uid + 1);
            foreach (var f in m.Flags.Where(f => !f.StartsWith('\\')))
                Keywords.Add(f);
        }
        foreach (var m in change.FlagsChanged)
        {
            if (!_messages.ContainsKey(m.Uid))
                continue;
            _messages[m.Uid] = m;
            _pendingFlags[m.Uid] = m;
            if (ownSilentStore)
                _silentFlags.Add(m.Uid);
            else
                _silentFlags.Remove(m.Uid);
            foreach (var f in m.Flags.Where(f => !f.StartsWith('\\')))
                Keywords.Add(f);
        }
        foreach (var uid in change.ExpungedUids)
        {
            if (_messages.ContainsKey(uid))
                _pendingExpunges.Add(uid);
        }
    }

    /// <summary>
    /// What changed between this view and a fresh copy of the folder (after the mailbox was
    /// restarted and lost its list of sessions), as a change like the mailbox would send.
    /// </summary>
    public FolderChanged DifferenceTo(FolderSelected fresh)
    {
        var now = fresh.Messages.ToDictionary(m => m.Uid);
        var expunged = _uids.Where(uid => !now.ContainsKey(uid) && !_pendingExpunges.Contains(uid)).ToArray();
        var appended = fresh.Messages.Where(m => !_messages.ContainsKey(m.Uid)).OrderBy(m => m.Uid).ToArray();
        var changed = fresh.Messages.Where(m => _messages.TryGetValue(m.Uid, out var old) && !old.Equals(m)).ToArray();
        return new FolderChanged("", Folder, appended, expunged, changed, fresh.HighestModSeq, null);
    }

    /// Marks \Recent for messages that arrived while selected read-write (RFC 3501 2.3.2:
    /// this session is the first to be told about them).
    public void ClaimRecent(IEnumerable<long> uids)
    {
        foreach (var uid in uids)
            _recent.Add(uid);
    }

    /// Forgets pending flag reports for these messages: the current command's own FETCH
    /// responses carry their flags already.
    public void FlagsReported(IEnumerable<long> uids)
    {
        foreach (var uid in uids)
        {
            _pendingFlags.Remove(uid);
            _silentFlags.Remove(uid);
        }
    }

    /// <summary>
    /// The untagged responses due now, in the order clients expect: EXPUNGEs (only when
    /// <paramref name="expungesAllowed"/>), then EXISTS/RECENT for growth, then FETCH FLAGS for
    /// flag changes made by others (or by this session without .SILENT).
    /// </summary>
    public IReadOnlyList<string> Flush(bool expungesAllowed, bool withModSeq)
    {
        var lines = new List<string>();
        if (expungesAllowed && _pendingExpunges.Count > 0)
        {
            foreach (var uid in _pendingExpunges.Order())
            {
                var index = LowerBound(uid);
                lines.Add($"* {index + 1} EXPUNGE");
                _uids.RemoveAt(index);
                _messages.Remove(uid);
                _recent.Remove(uid);
                _pendingFlags.Remove(uid);
                _silentFlags.Remove(uid);
                _reportedCount--;
            }
            _pendingExpunges.Clear();
        }
        if (_uids.Count != _reportedCount || _recent.Count != _reportedRecent)
        {
            if (_uids.Count > _reportedCount)
            {
                lines.Add($"* {_uids.Count} EXISTS");
                lines.Add($"* {_recent.Count} RECENT");
            }
            _reportedCount = _uids.Count;
            _reportedRecent = _recent.Count;
        }
        foreach (var (uid, m) in _pendingFlags)
        {
            if (_silentFlags.Contains(uid))
                continue;
            var seq = LowerBound(uid) + 1;
            var modseq = withModSeq ? $" MODSEQ ({m.ModSeq})" : "";
            lines.Add($"* {seq} FETCH (UID {uid} FLAGS ({ImapFlags.Render(m.Flags, IsRecent(uid))}){modseq})");
        }
        _pendingFlags.Clear();
        _silentFlags.Clear();
        return lines;
    }

    /// The index of the first UID at or above <paramref name="uid"/>.
    private int LowerBound(long uid)
    {
        var i = _uids.BinarySearch(uid);
        return i >= 0 ? i : ~i;
    }
}
