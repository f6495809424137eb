using Akka.Actor;

namespace Mail.Actors.Mailbox;

/// <summary>
/// Which IMAP session selected which folder (at most one each): the sessions that get
/// <see cref="FolderChanged"/>. Sessions are few per mailbox, so a flat map is enough.
/// </summary>
public sealed class SelectedSessions
{
    private readonly Dictionary<IActorRef, string> _folderOf = [];

    public void Select(IActorRef session, string folder) => _folderOf[session] = folder;

    public bool Deselect(IActorRef session) => _folderOf.Remove(session);

    public IReadOnlyList<(IActorRef Session, string Folder)> All => [.. _folderOf.Select(kv => (kv.Key, kv.Value))];

    public IReadOnlyList<IActorRef> Of(string folder) => [.. _folderOf.Where(kv => kv.Value == folder).Select(kv => kv.Key)];
}
