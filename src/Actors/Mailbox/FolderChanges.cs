namespace Mail.Actors.Mailbox;

/// <summary>
/// What one command's events mean to the sessions that selected a folder: one
/// <see cref="FolderChanged"/> per touched folder (messages as they are after the command), and
/// the folders that are gone as the sessions knew them (deleted, renamed, INBOX renamed away).
/// </summary>
public static class FolderChanges
{
    public static (IReadOnlyList<FolderChanged> Changed, IReadOnlyList<string> Gone) Of(
        string mailboxId, MailboxState before, MailboxState after, IReadOnlyList<IMailboxEvent> events, Akka.Actor.IActorRef? origin)
    {
        var touched = new Dictionary<string, (List<long> Added, List<long> Expunged, List<long> Flags)>();
        var gone = new List<string>();
        (List<long> Added, List<long> Expunged, List<long> Flags) Of(string folder) =>
            touched.TryGetValue(folder, out var t) ? t : touched[folder] = ([], [], []);
        foreach (var e in events)
        {
            switch (e)
            {
                case MessageAppended a:
                    Of(a.Folder ?? FolderName.Inbox).Added.Add(a.Uid);
                    break;
                case CopiesAppended c:
                    Of(c.To).Added.AddRange(Enumerable.Range(0, c.SourceUids.Count).Select(i => c.FirstUid + i));
                    break;
                case FlagsChanged f:
                    Of(f.Folder).Flags.AddRange(f.Changes.Select(x => x.Uid));
                    break;
                case MessagesExpunged x when before.Folders.TryGetValue(x.Folder ?? FolderName.Inbox, out var folder):
                    Of(folder.Name).Expunged.AddRange(x.Uids.Where(folder.Messages.ContainsKey));
                    break;
                case FolderDeleted d:
                    gone.Add(d.Name);
                    break;
                case FolderRenamed r:
                    gone.AddRange(before.Folders.Keys.Where(n => n == r.From || (!FolderName.IsInbox(r.From) && FolderName.IsUnder(n, r.From))));
                    break;
            }
        }
        var changed = new List<FolderChanged>();
        foreach (var (name, (added, expunged, flags)) in touched)
        {
            if (!after.Folders.TryGetValue(name, out var folder) || added.Count + expunged.Count + flags.Count == 0)
                continue;
            changed.Add(new FolderChanged(
                mailboxId,
                name,
                [.. added.Where(folder.Messages.ContainsKey).Select(u => folder.Messages[u])],
                [.. expunged.Distinct().Order()],
                [.. flags.Distinct().Except(added).Where(folder.Messages.ContainsKey).Select(u => folder.Messages[u])],
                folder.HighestModSeq,
                origin));
        }
        return (changed, gone);
    }
}
