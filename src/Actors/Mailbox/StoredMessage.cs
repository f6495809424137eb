namespace Mail.Actors.Mailbox;

/// One message as the mailbox knows it; the body stays in the blob store.
public sealed record StoredMessage(long Uid, string QueueId, string BlobId, long Size, DateTimeOffset InternalDate);
