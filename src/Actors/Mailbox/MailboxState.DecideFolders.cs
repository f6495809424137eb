namespace Mail.Actors.Mailbox;

/// <summary>
/// Deciding folder commands (RFC 3501 6.3): the events they make and the answer. Nothing here
/// changes the state it is called on; the actor applies the events once they are written.
/// </summary>
public sealed partial record MailboxState
{
    /// <summary>
    /// What a mailbox needs before its first command: INBOX's UIDVALIDITY and, once, the default
    /// folders. A mailbox recovered from journals written before folders existed gets the
    /// defaults here too.
    /// </summary>
    public IReadOnlyList<IMailboxEvent> DecideInitialization(DateTimeOffset now)
    {
        var events = new List<IMailboxEvent>();
        var last = LastUidValidity;
        if (!IsCreated)
        {
            last = NextUidValidity(now);
            events.Add(new MailboxCreated(last));
        }
        if (!HasDefaultFolders)
        {
            var folders = new List<FolderCreated>();
            foreach (var (name, use) in DefaultFolders.Where(d => !Folders.ContainsKey(d.Name)))
                folders.Add(new FolderCreated(name, last = Math.Max(now.ToUnixTimeSeconds(), last + 1), use));
            events.Add(new DefaultFoldersCreated(folders));
        }
        return events;
    }

    public (IReadOnlyList<IMailboxEvent> Events, FolderResult Result) DecideCreate(string rawName, string? specialUse, DateTimeOffset now)
    {
        if (FolderName.Normalize(rawName) is not { } name)
            return ([], FolderResult.Fail(FolderError.Invalid, "Invalid mailbox name."));
        if (specialUse is not null && !SpecialUse.All.Contains(specialUse))
            return ([], FolderResult.Fail(FolderError.Invalid, "Unknown special-use attribute."));
        if (Folders.TryGetValue(name, out var existing) && !existing.NoSelect)
            return ([], FolderResult.Fail(FolderError.AlreadyExists, "Mailbox already exists."));
        // A \Noselect name becomes a folder again, with a new UIDVALIDITY (a new incarnation).
        var events = CreateMissing(FolderName.Superiors(name), now);
        var last = events.Select(f => f.UidValidity).DefaultIfEmpty(LastUidValidity).Max();
        events.Add(new FolderCreated(name, Math.Max(now.ToUnixTimeSeconds(), last + 1), specialUse));
        return ([.. events], FolderResult.Success);
    }

    public (IReadOnlyList<IMailboxEvent> Events, FolderResult Result) DecideDelete(string rawName)
    {
        if (FolderName.Normalize(rawName) is not { } name)
            return ([], FolderResult.Fail(FolderError.Invalid, "Invalid mailbox name."));
        if (FolderName.IsInbox(name))
            return ([], FolderResult.Fail(FolderError.NotAllowed, "INBOX cannot be deleted."));
        if (!Folders.TryGetValue(name, out var folder))
            return ([], FolderResult.Fail(FolderError.NoSuchFolder, "Mailbox does not exist."));
        // RFC 3501 6.3.4: a \Noselect name with inferiors cannot be deleted.
        if (folder.NoSelect && HasChildren(name))
            return ([], FolderResult.Fail(FolderError.HasChildren, "Mailbox has children."));
        return ([new FolderDeleted(name)], FolderResult.Success);
    }

    public (IReadOnlyList<IMailboxEvent> Events, FolderResult Result) DecideRename(string rawFrom, string rawTo, DateTimeOffset now)
    {
        if (FolderName.Normalize(rawFrom) is not { } from || FolderName.Normalize(rawTo) is not { } to)
            return ([], FolderResult.Fail(FolderError.Invalid, "Invalid mailbox name."));
        if (!Folders.ContainsKey(from))
            return ([], FolderResult.Fail(FolderError.NoSuchFolder, "Mailbox does not exist."));
        if (Folders.ContainsKey(to))
            return ([], FolderResult.Fail(FolderError.AlreadyExists, "Target mailbox already exists."));
        if (FolderName.IsInbox(to) || FolderName.IsUnder(to, from))
            return ([], FolderResult.Fail(FolderError.Invalid, "Cannot rename a mailbox into itself or to INBOX."));
        var events = new List<IMailboxEvent>(CreateMissing(FolderName.Superiors(to), now));
        var last = events.OfType<FolderCreated>().Select(f => f.UidValidity).DefaultIfEmpty(LastUidValidity).Max();
        events.Add(new FolderRenamed(from, to, FolderName.IsInbox(from) ? Math.Max(now.ToUnixTimeSeconds(), last + 1) : 0));
        return (events, FolderResult.Success);
    }

    public (IReadOnlyList<IMailboxEvent> Events, FolderResult Result) DecideSubscription(string rawName, bool subscribed)
    {
        if (FolderName.Normalize(rawName) is not { } name)
            return ([], FolderResult.Fail(FolderError.Invalid, "Invalid mailbox name."));
        return Subscriptions.Contains(name) == subscribed
            ? ([], FolderResult.Success)
            : ([new SubscriptionChanged(name, subscribed)], FolderResult.Success);
    }

    /// A folder that can be selected, or why not.
    public FolderState? Selectable(string rawName, out FolderResult? error)
    {
        var folder = Folder(rawName);
        error = folder is null ? FolderResult.Fail(FolderError.NoSuchFolder, "Mailbox does not exist.")
            : folder.NoSelect ? FolderResult.Fail(FolderError.NoSelect, "Mailbox is \\Noselect.")
            : null;
        return error is null ? folder : null;
    }

    /// The names among <paramref name="names"/> that do not exist yet, as new folders.
    private List<FolderCreated> CreateMissing(IEnumerable<string> names, DateTimeOffset now)
    {
        var events = new List<FolderCreated>();
        var last = LastUidValidity;
        foreach (var name in names)
        {
            if (Folders.ContainsKey(name))
                continue;
            last = Math.Max(now.ToUnixTimeSeconds(), last + 1);
            events.Add(new FolderCreated(name, last));
        }
        return events;
    }
}
