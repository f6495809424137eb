using Akka.Actor;

namespace Mail.Actors.Mailbox;

/// The SPECIAL-USE attributes (RFC 6154) a folder may carry.
public static class SpecialUse
{
    public const string Sent = @"\Sent";
    public const string Drafts = @"\Drafts";
    public const string Trash = @"\Trash";
    public const string Junk = @"\Junk";
    public const string Archive = @"\Archive";

    public static IReadOnlyList<string> All { get; } = [Sent, Drafts, Trash, Junk, Archive];
}

public enum FolderError { NoSuchFolder, AlreadyExists, Invalid, HasChildren, OverQuota, NotAllowed, NoSelect }

/// The outcome of a folder command, or why a message command was refused.
public sealed record FolderResult(bool Ok, FolderError? Error = null, string? Detail = null) : IMailboxMessage
{
    public static readonly FolderResult Success = new(true);

    public static FolderResult Fail(FolderError error, string detail) => new(false, error, detail);
}

/// Folders sorted by name (INBOX first); <paramref name="Subscriptions"/> may name folders that do not exist.
public sealed record FolderList(IReadOnlyList<FolderInfo> Folders, IReadOnlyList<string> Subscriptions) : IMailboxMessage;

public sealed record FolderInfo(
    string Name,
    string? SpecialUse,
    bool NoSelect,
    long UidValidity,
    long UidNext,
    ulong HighestModSeq,
    int Messages,
    int Unseen,
    int Recent,
    long Size) : IMailboxMessage;

/// The selected folder: messages in UID order (sequence number = index + 1).
public sealed record FolderSelected(
    string Folder,
    long UidValidity,
    long UidNext,
    ulong HighestModSeq,
    IReadOnlyList<StoredMessage> Messages,
    IReadOnlyList<long> RecentUids,
    IReadOnlyList<string> Keywords) : IMailboxMessage;

/// <summary>
/// A durable change of a selected folder, sent to every session that selected it, including
/// the one whose command caused it (<paramref name="Origin"/>, so that it can leave out what
/// .SILENT asked it not to send), and always before the reply to that command.
/// <paramref name="FlagsChanged"/> carries the messages with their new flags and mod-sequence.
/// </summary>
public sealed record FolderChanged(
    string MailboxId,
    string Folder,
    IReadOnlyList<StoredMessage> Appended,
    IReadOnlyList<long> ExpungedUids,
    IReadOnlyList<StoredMessage> FlagsChanged,
    ulong HighestModSeq,
    IActorRef? Origin) : IMailboxMessage;

/// <summary>
/// The session's selection is dropped. Either the folder no longer exists as the session knew
/// it (deleted, renamed, INBOX renamed away: its UIDVALIDITY changed), sent before the reply to
/// the command that caused it, and the session should close the folder (Dovecot sends BYE); or,
/// with <paramref name="FolderStillExists"/>, the mailbox entity stopped (passivation, shard
/// hand-off) and the session should send <see cref="SelectFolder"/> again to keep hearing of
/// changes (and compare what it gets with what it knows).
/// </summary>
public sealed record FolderUnselected(string MailboxId, string Folder, string Reason, bool FolderStillExists = false) : IMailboxMessage;

public sealed record MessageAppendedTo(string Folder, long UidValidity, long Uid) : IMailboxMessage;

public sealed record FlagsStored(IReadOnlyList<StoredMessage> Changed, IReadOnlyList<long> FailedUnchangedSince) : IMailboxMessage;

/// For COPYUID (RFC 4315): <paramref name="SourceUids"/>[i] became <paramref name="DestUids"/>[i].
public sealed record MessagesCopied(long DestUidValidity, IReadOnlyList<long> SourceUids, IReadOnlyList<long> DestUids) : IMailboxMessage;

public sealed record FolderExpunged(IReadOnlyList<long> Uids) : IMailboxMessage;
