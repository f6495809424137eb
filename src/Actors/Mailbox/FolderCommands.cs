using Akka.Actor;

namespace Mail.Actors.Mailbox;

// Commands of an IMAP session. Folder names are decoded Unicode with "/" as the delimiter
// (see FolderName). Every write is group-committed and answered once durable; before the
// answer, every session that selected an affected folder gets a FolderChanged.

/// Replies <see cref="FolderList"/>.
public sealed record ListFolders(string MailboxId) : IWithMailboxId, IMailboxMessage;

/// <summary>
/// CREATE (RFC 3501 6.3.3): missing superiors are created too; <paramref name="SpecialUse"/>
/// is one of <see cref="SpecialUse.All"/> or null (RFC 6154 CREATE-SPECIAL-USE).
/// Replies <see cref="FolderResult"/>.
/// </summary>
public sealed record CreateFolder(string MailboxId, string Name, string? SpecialUse = null) : IWithMailboxId, IMailboxMessage;

/// DELETE (RFC 3501 6.3.4). Replies <see cref="FolderResult"/>.
public sealed record DeleteFolder(string MailboxId, string Name) : IWithMailboxId, IMailboxMessage;

/// RENAME (RFC 3501 6.3.5). Replies <see cref="FolderResult"/>.
public sealed record RenameFolder(string MailboxId, string From, string To) : IWithMailboxId, IMailboxMessage;

/// SUBSCRIBE / UNSUBSCRIBE; any name may be subscribed, existing or not. Replies <see cref="FolderResult"/>.
public sealed record SetSubscription(string MailboxId, string Name, bool Subscribed) : IWithMailboxId, IMailboxMessage;

/// <summary>
/// SELECT (or EXAMINE when <paramref name="ReadOnly"/>): replies <see cref="FolderSelected"/> or
/// <see cref="FolderResult"/> (NoSuchFolder, NoSelect). From then on <paramref name="Session"/>
/// (watched) gets <see cref="FolderChanged"/> for that folder until <see cref="DeselectFolder"/>,
/// another SelectFolder, or its death. Only a read-write SELECT takes the recent messages.
/// The selection lives in memory: the session sends <see cref="KeepMaildrop"/> every 30 s so
/// the idle mailbox is not passivated under it, and re-selects on a <see cref="FolderUnselected"/>
/// whose FolderStillExists is set (the entity stopped or moved).
/// </summary>
public sealed record SelectFolder(string MailboxId, string Folder, IActorRef Session, bool ReadOnly) : IWithMailboxId, IMailboxMessage;

/// Ends the notifications to <paramref name="Session"/> (CLOSE, UNSELECT, LOGOUT). No reply.
public sealed record DeselectFolder(string MailboxId, IActorRef Session) : IWithMailboxId, IMailboxMessage;

/// <summary>
/// APPEND (RFC 3501 6.3.11): the body is already in the blob store under <paramref name="BlobId"/>;
/// idempotent by <paramref name="QueueId"/> like delivery. Replies <see cref="MessageAppendedTo"/>
/// or <see cref="FolderResult"/> (NoSuchFolder, NoSelect, OverQuota).
/// </summary>
public sealed record AppendMessage(
    string MailboxId,
    string Folder,
    string QueueId,
    string BlobId,
    long Size,
    DateTimeOffset InternalDate,
    IReadOnlyList<string> Flags) : IWithMailboxId, IMailboxMessage;

public enum StoreFlagsMode { Replace, Add, Remove }

/// <summary>
/// STORE (RFC 3501 6.4.6) on UIDs; <paramref name="UnchangedSince"/> is CONDSTORE's
/// UNCHANGEDSINCE (RFC 7162 3.1.3). UIDs not in the folder are ignored. Replies
/// <see cref="FlagsStored"/> or <see cref="FolderResult"/>.
/// </summary>
public sealed record StoreFlags(
    string MailboxId,
    string Folder,
    IReadOnlyList<long> Uids,
    StoreFlagsMode Mode,
    IReadOnlyList<string> Flags,
    ulong? UnchangedSince,
    IActorRef Session) : IWithMailboxId, IMailboxMessage;

/// COPY / MOVE (RFC 3501 6.4.7, RFC 6851) of UIDs; UIDs not in the source are ignored.
/// Replies <see cref="MessagesCopied"/> or <see cref="FolderResult"/>.
public sealed record CopyMessages(string MailboxId, string From, IReadOnlyList<long> Uids, string To, bool Move, IActorRef Session) : IWithMailboxId, IMailboxMessage;

/// EXPUNGE, or UID EXPUNGE (RFC 4315) when <paramref name="Uids"/> is given: removes the
/// messages flagged \Deleted. Replies <see cref="FolderExpunged"/> or <see cref="FolderResult"/>.
public sealed record ExpungeFolder(string MailboxId, string Folder, IReadOnlyList<long>? Uids, IActorRef Session) : IWithMailboxId, IMailboxMessage;

/// STATUS (RFC 3501 6.3.10). Replies <see cref="FolderInfo"/> or <see cref="FolderResult"/>.
public sealed record GetFolderStatus(string MailboxId, string Folder) : IWithMailboxId, IMailboxMessage;
