namespace Mail.Actors.Storage;

/// <summary>
/// Where message bodies live. A body is written once through an <see cref="IIncomingBlob"/>,
/// made durable under one id per recipient mailbox (so each mailbox owns and deletes its own
/// copy), and read back by POP3/IMAP sessions. The single-node store keeps files in the data
/// folder; a cluster store can keep them in the shared database.
/// </summary>
public interface IBlobStore
{
    /// Starts a new body in a spool area; nothing is visible until it is committed.
    IIncomingBlob Create(string queueId);

    /// Whole body, for RETR and FETCH. Throws <see cref="FileNotFoundException"/> when the blob is gone.
    Task<byte[]> ReadAllAsync(string blobId, CancellationToken ct = default);

    /// Removes one mailbox's copy and its sidecar; missing blobs are not an error (deletes are retried after crashes).
    void Delete(string blobId);

    /// Derived data kept beside a body (IMAP's parsed summary); null when there is none.
    Task<byte[]?> ReadSidecarAsync(string blobId, CancellationToken ct = default);

    /// Writes the sidecar without fsync: it can always be derived again from the body.
    Task WriteSidecarAsync(string blobId, byte[] data);

    bool Exists(string blobId);

    /// <summary>
    /// Publishes a committed body under one more id (a hard link, directory fsync'd), for a new
    /// owner such as the local retry queue. An id that already exists is left as it is.
    /// </summary>
    Task LinkAsync(string existingId, string newId);
}

/// <summary>A body being received. Not thread-safe: one session writes it.</summary>
public interface IIncomingBlob : IDisposable
{
    long Length { get; }

    void Write(ReadOnlySpan<byte> bytes);

    /// <summary>
    /// Flushes and fsyncs the body, then publishes it under each of <paramref name="blobIds"/>
    /// (the first by rename, the others as hard links) and fsyncs the directory, so every id
    /// survives a crash once this completes.
    /// </summary>
    Task CommitAsync(IReadOnlyList<string> blobIds);

    /// Throws the spool file away (connection lost, message too big, rejected).
    void Discard();
}
