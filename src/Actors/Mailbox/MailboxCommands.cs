using Akka.Actor;

namespace Mail.Actors.Mailbox;

/// Every message for a mailbox carries its id; the shard region routes on it.
public interface IWithMailboxId
{
    string MailboxId { get; }
}

/// <summary>
/// Marker of every message that may cross nodes to or from a mailbox entity (commands, replies,
/// FolderChanged/FolderUnselected pushes): binds them to <c>MailWireSerializer</c>.
/// Persisted events are not wire messages (they have <see cref="IMailboxEvent"/>).
/// </summary>
public interface IMailboxMessage;

/// <summary>
/// Deliver one accepted message. Idempotent by <paramref name="QueueId"/>: a retry after a crash
/// or a lost ack gets the same UID back instead of a second copy.
/// Replies <see cref="MessageAppended"/> (as an ack) or <see cref="AppendRejected"/>.
/// </summary>
public sealed record AppendToMailbox(
    string MailboxId,
    string QueueId,
    string BlobId,
    long Size,
    DateTimeOffset InternalDate) : IWithMailboxId, IMailboxMessage;

/// <paramref name="OverQuota"/>: the mailbox is over its storage limit (452 4.2.2 "Mailbox full").
public sealed record AppendRejected(string MailboxId, string QueueId, string Reason, bool OverQuota = false) : IMailboxMessage;

/// <summary>
/// POP3 opens INBOX as a locked maildrop (RFC 1939: exclusive access). The mailbox watches
/// <paramref name="Session"/> and drops the lock when that actor dies, so a crashed session
/// never leaves the maildrop locked. Replies <see cref="MaildropOpened"/> or <see cref="MaildropInUse"/>.
/// </summary>
public sealed record OpenMaildrop(string MailboxId, IActorRef Session) : IWithMailboxId, IMailboxMessage;

public sealed record MaildropOpened(string MailboxId, long UidValidity, IReadOnlyList<StoredMessage> Messages) : IMailboxMessage;

public sealed record MaildropInUse(string MailboxId) : IMailboxMessage;

/// Ends a POP3 session (UPDATE state): expunges the deleted UIDs, then releases the lock.
/// Replies <see cref="MaildropClosed"/>.
public sealed record CloseMaildrop(string MailboxId, IActorRef Session, IReadOnlyList<long> ExpungeUids) : IWithMailboxId, IMailboxMessage;

public sealed record MaildropClosed(string MailboxId, int Expunged) : IMailboxMessage;

/// <summary>
/// Sent by a POP3 session every 30 s while it holds the maildrop lock, and by an IMAP session
/// while it has a folder selected (selections are in memory too). The lock lives only in
/// memory, so the mailbox must not be passivated for idleness under a session that is merely
/// slow; any message counts as activity for sharding. No reply.
/// </summary>
public sealed record KeepMaildrop(string MailboxId) : IWithMailboxId, IMailboxMessage;

/// Snapshot of the mailbox for admins, QUOTA (RFC 9208) and tests. Replies <see cref="MailboxStatus"/>.
public sealed record GetMailboxStatus(string MailboxId) : IWithMailboxId, IMailboxMessage;

/// INBOX's UIDVALIDITY, UIDNEXT, message count and size; <paramref name="StorageUsed"/> counts
/// every message of every folder (a copy counts again), against <paramref name="StorageLimit"/>.
public sealed record MailboxStatus(string MailboxId, long UidValidity, long NextUid, int Count, long TotalSize, long StorageUsed = 0, long? StorageLimit = null) : IMailboxMessage;

/// <summary>
/// The user's storage limit in bytes (null: none). Not persisted: whoever knows the user's
/// quota sends it (again after the mailbox is recovered). Appends and copies that would go over
/// it are refused; a MOVE never is. No reply.
/// </summary>
public sealed record SetStorageLimit(string MailboxId, long? Bytes) : IWithMailboxId, IMailboxMessage;

/// <summary>
/// How the shard stops a mailbox (passivation, hand-off): after its writes and a final
/// snapshot. Local only: the shard sends it to its own entity.
/// </summary>
public sealed class StopMailbox : IMailboxMessage
{
    public static readonly StopMailbox Instance = new();

    private StopMailbox() { }
}
