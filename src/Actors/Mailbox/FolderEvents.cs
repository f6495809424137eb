namespace Mail.Actors.Mailbox;

/// <summary>
/// Folder events (schema, like <see cref="IMailboxEvent"/>'s other implementations). Names are
/// canonical (<see cref="FolderName"/>), valid at the point of the journal where they stand.
/// </summary>
public sealed record FolderCreated(string Name, long UidValidity, string? SpecialUse = null) : IMailboxEvent;

/// The default folders, written once per mailbox (with the first command after this code is
/// deployed, for mailboxes that existed before): they are never created again if deleted.
/// INBOX and every folder in <paramref name="Folders"/> are subscribed.
public sealed record DefaultFoldersCreated(IReadOnlyList<FolderCreated> Folders) : IMailboxEvent;

/// The folder's messages are gone; it becomes \Noselect if it has children, else it is removed.
public sealed record FolderDeleted(string Name) : IMailboxEvent;

/// <summary>
/// <paramref name="From"/> and its children are now under <paramref name="To"/>, keeping their
/// UIDVALIDITY. Renaming INBOX (RFC 3501 6.3.5) moves only INBOX's messages, into a folder that
/// keeps INBOX's UIDVALIDITY, and leaves an empty INBOX with <paramref name="NewInboxUidValidity"/>.
/// </summary>
public sealed record FolderRenamed(string From, string To, long NewInboxUidValidity = 0) : IMailboxEvent;

public sealed record SubscriptionChanged(string Name, bool Subscribed) : IMailboxEvent;

/// New flags of some messages of one folder; they all take one mod-sequence.
public sealed record FlagsChanged(string Folder, IReadOnlyList<UidFlags> Changes) : IMailboxEvent;

public sealed record UidFlags(long Uid, IReadOnlyList<string> Flags);

/// Copies of <paramref name="SourceUids"/> (ascending) get consecutive UIDs from
/// <paramref name="FirstUid"/> in <paramref name="To"/>, with their flags and blobs (shared).
/// A MOVE is this and a <see cref="MessagesExpunged"/> of the sources in the same batch.
public sealed record CopiesAppended(string From, string To, IReadOnlyList<long> SourceUids, long FirstUid) : IMailboxEvent;
