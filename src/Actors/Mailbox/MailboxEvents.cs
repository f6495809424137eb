namespace Mail.Actors.Mailbox;

/// <summary>
/// Persisted mailbox events: this is schema. Serialized by <c>MailboxSerializer</c> under short,
/// stable manifests; never rename a property without a migration.
/// </summary>
public interface IMailboxEvent;

/// First event of every mailbox: fixes UIDVALIDITY for its life (RFC 3501 2.3.1.1).
public sealed record MailboxCreated(long UidValidity) : IMailboxEvent;

public sealed record MessageAppended(string QueueId, long Uid, string BlobId, long Size, DateTimeOffset InternalDate) : IMailboxEvent;

public sealed record MessagesExpunged(IReadOnlyList<long> Uids) : IMailboxEvent;
