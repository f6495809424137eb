namespace Mail.Actors.Mailbox;

/// Deciding message commands: appends (delivery and APPEND), STORE, COPY/MOVE, EXPUNGE.
public sealed partial record MailboxState
{
    /// UID answered for an append refused because the mailbox is over its storage limit.
    public const long OverQuota = 0;

    /// <summary>
    /// Events for a batch of deliveries into INBOX (with the initialization a new mailbox needs),
    /// and for every command the UID it gets: new or, for a duplicate queue id, the one it already
    /// has; <see cref="OverQuota"/> when refused. New UIDs are consecutive and strictly ascending.
    /// </summary>
    public (IReadOnlyList<IMailboxEvent> Events, IReadOnlyList<long> Uids) DecideAppends(
        IReadOnlyList<AppendToMailbox> commands, DateTimeOffset now)
    {
        var events = new List<IMailboxEvent>(DecideInitialization(now));
        var state = events.Aggregate(this, (s, e) => s.Apply(e));
        var uids = new List<long>(commands.Count);
        foreach (var cmd in commands)
        {
            var (appended, uid) = state.DecideAppend(FolderName.Inbox, cmd.QueueId, cmd.BlobId, cmd.Size, cmd.InternalDate, null);
            if (appended is not null)
            {
                events.Add(appended);
                state = state.Apply(appended);
            }
            uids.Add(uid);
        }
        return (events, uids);
    }

    /// <summary>
    /// One append into an existing selectable folder: the event (null for a duplicate queue id
    /// or a refusal) and the UID (the existing one for a duplicate, <see cref="OverQuota"/>).
    /// </summary>
    public (MessageAppended? Event, long Uid) DecideAppend(
        string folder, string queueId, string blobId, long size, DateTimeOffset internalDate, IReadOnlyList<string>? flags)
    {
        if (TryFindQueueId(queueId, out long existing))
            return (null, existing);
        if (WouldExceedLimit(size))
            return (null, OverQuota);
        var normalized = MessageFlags.Normalize(flags);
        var uid = Folders[folder].UidNext;
        return (new MessageAppended(queueId, uid, blobId, size, internalDate,
            FolderName.IsInbox(folder) ? null : folder, normalized.Count == 0 ? null : normalized), uid);
    }

    public (IReadOnlyList<IMailboxEvent> Events, object Reply) DecideAppendMessage(AppendMessage cmd)
    {
        if (TryFindAppended(cmd.QueueId, out MessageRef? done))
            return ([], new MessageAppendedTo(done!.Folder, Folders.TryGetValue(done.Folder, out var f) ? f.UidValidity : 0, done.Uid));
        if (Selectable(cmd.Folder, out var error) is not { } folder)
            return ([], error!);
        var (appended, uid) = DecideAppend(folder.Name, cmd.QueueId, cmd.BlobId, cmd.Size, cmd.InternalDate, cmd.Flags);
        return appended is null
            ? ([], FolderResult.Fail(FolderError.OverQuota, "Quota exceeded (mailbox full)."))
            : ([appended], new MessageAppendedTo(folder.Name, folder.UidValidity, uid));
    }

    /// STORE: only messages whose flags really change get an event entry (and a new mod-sequence).
    public (IReadOnlyList<IMailboxEvent> Events, object Reply) DecideStore(StoreFlags cmd)
    {
        if (Selectable(cmd.Folder, out var error) is not { } folder)
            return ([], error!);
        var changes = new List<UidFlags>();
        var failed = new List<long>();
        foreach (var uid in cmd.Uids.Distinct().Order())
        {
            if (!folder.Messages.TryGetValue(uid, out var m))
                continue;
            if (cmd.UnchangedSince is { } since && m.ModSeq > since)
            {
                failed.Add(uid);
                continue;
            }
            var flags = MessageFlags.Apply(m.Flags, cmd.Mode, cmd.Flags);
            if (!MessageFlags.SameSet(flags, m.Flags))
                changes.Add(new UidFlags(uid, flags));
        }
        if (changes.Count == 0)
            return ([], new FlagsStored([], failed));
        var changed = new FlagsChanged(folder.Name, changes);
        var after = Apply(changed).Folders[folder.Name];
        return ([changed], new FlagsStored([.. changes.Select(c => after.Messages[c.Uid])], failed));
    }

    /// COPY or MOVE; a MOVE (the copies and the expunge of the sources in one batch) never needs quota.
    public (IReadOnlyList<IMailboxEvent> Events, object Reply) DecideCopy(CopyMessages cmd)
    {
        if (Selectable(cmd.From, out var error) is not { } source || Selectable(cmd.To, out error) is not { } target)
            return ([], error!);
        var uids = cmd.Uids.Distinct().Order().Where(source.Messages.ContainsKey).ToArray();
        if (uids.Length == 0)
            return ([], new MessagesCopied(target.UidValidity, [], []));
        if (!cmd.Move && WouldExceedLimit(uids.Sum(u => source.Messages[u].Size)))
            return ([], FolderResult.Fail(FolderError.OverQuota, "Quota exceeded (mailbox full)."));
        var first = target.UidNext;
        IMailboxEvent copied = new CopiesAppended(source.Name, target.Name, uids, first);
        IReadOnlyList<IMailboxEvent> events = cmd.Move ? [copied, new MessagesExpunged(uids, Tag(source.Name))] : [copied];
        return (events, new MessagesCopied(target.UidValidity, uids, [.. Enumerable.Range(0, uids.Length).Select(i => first + i)]));
    }

    /// EXPUNGE / UID EXPUNGE: the messages flagged \Deleted (among <see cref="ExpungeFolder.Uids"/> if given).
    public (IReadOnlyList<IMailboxEvent> Events, object Reply) DecideExpunge(ExpungeFolder cmd)
    {
        if (Selectable(cmd.Folder, out var error) is not { } folder)
            return ([], error!);
        var candidates = cmd.Uids is null ? folder.Messages.Values : cmd.Uids.Where(folder.Messages.ContainsKey).Select(u => folder.Messages[u]);
        var uids = candidates.Where(m => m.Has(MessageFlags.Deleted)).Select(m => m.Uid).Distinct().Order().ToArray();
        return uids.Length == 0
            ? ([], new FolderExpunged([]))
            : ([new MessagesExpunged(uids, Tag(folder.Name))], new FolderExpunged(uids));
    }

    /// POP3's expunge of INBOX: only what exists; unknown or already-expunged UIDs are ignored (a retried close).
    public IReadOnlyList<IMailboxEvent> DecideExpunge(IEnumerable<long> uids)
    {
        var present = uids.Where(Messages.ContainsKey).Distinct().Order().ToArray();
        return present.Length == 0 ? [] : [new MessagesExpunged(present)];
    }

    /// Events about INBOX carry no folder, as they did before folders existed.
    private static string? Tag(string folder) => FolderName.IsInbox(folder) ? null : folder;
}
