namespace Mail.Actors.Mailbox;

/// <summary>
/// \Recent (RFC 3501 2.3.2) without storing it: per folder, the first UID no read-write SELECT
/// has seen yet. The first such SELECT after messages arrive gets them as recent and moves the
/// floor to UIDNEXT. In memory only: after a restart the floor is UIDNEXT at recovery, so
/// nothing that arrived before is recent again (the RFC allows losing \Recent this way).
/// A folder without an entry was created after recovery, so all of its messages are recent.
/// </summary>
public sealed class RecentFloors
{
    private readonly Dictionary<string, long> _floors = new(StringComparer.Ordinal);

    public long Of(string folder) => _floors.GetValueOrDefault(folder, 1);

    public void ResetAll(MailboxState state)
    {
        _floors.Clear();
        foreach (var folder in state.Folders.Values)
            _floors[folder.Name] = folder.UidNext;
    }

    /// The recent UIDs for a read-write SELECT, which takes them: no other session sees them as recent.
    public IReadOnlyList<long> Claim(FolderState folder)
    {
        var recent = folder.RecentUids(Of(folder.Name));
        _floors[folder.Name] = folder.UidNext;
        return recent;
    }

    /// A folder gone or renamed: its children move with it (renaming INBOX moves only INBOX).
    public void Rename(string from, string to, bool withChildren)
    {
        foreach (var name in _floors.Keys.Where(n => n == from || (withChildren && FolderName.IsUnder(n, from))).ToArray())
        {
            _floors[FolderName.Rebase(name, from, to)] = _floors[name];
            _floors.Remove(name);
        }
    }

    public void Remove(string folder) => _floors.Remove(folder);
}
