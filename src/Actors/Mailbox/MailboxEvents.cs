namespace Mail.Actors.Mailbox;

/// <summary>
/// Persisted mailbox events: this is schema. Serialized by <c>MailSerializer</c> under short,
/// stable manifests; never rename a property without a migration. Events written before
/// folders existed have no folder: they are about INBOX, and still are.
/// Mod-sequences are not stored in events: every event that touches a folder takes the next
/// one in <see cref="MailboxState.Apply"/>, which replays to the same numbers.
/// </summary>
public interface IMailboxEvent;

/// First event of every mailbox: fixes INBOX's UIDVALIDITY (RFC 3501 2.3.1.1).
public sealed record MailboxCreated(long UidValidity) : IMailboxEvent;

/// A message stored in <paramref name="Folder"/> (null: INBOX, as delivery writes it) with its
/// initial <paramref name="Flags"/> (null: none).
public sealed record MessageAppended(
    string QueueId,
    long Uid,
    string BlobId,
    long Size,
    DateTimeOffset InternalDate,
    string? Folder = null,
    IReadOnlyList<string>? Flags = null) : IMailboxEvent;

/// Messages removed from <paramref name="Folder"/> (null: INBOX).
public sealed record MessagesExpunged(IReadOnlyList<long> Uids, string? Folder = null) : IMailboxEvent;
