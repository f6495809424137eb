using System.Collections.Concurrent;
using Mail.Protocols.Imap;

namespace Mail.Actors.Storage;

/// <summary>
/// ENVELOPE, BODYSTRUCTURE and part offsets per stored body (<see cref="MessageSummary"/>):
/// parsed with MimeKit once, then kept as the body's sidecar in the blob store (deleted with
/// it) and in a bounded memory cache, so FETCH and SEARCH never parse a message twice. IMAP
/// APPEND stores the summary with the body; delivered mail gets it at its first FETCH. A
/// missing, truncated or outdated sidecar is derived again from the body.
/// </summary>
public sealed class MessageSummaryStore(IBlobStore blobs, int cacheLimit = 20_000)
{
    private readonly ConcurrentDictionary<string, MessageSummary> _cache = new(StringComparer.Ordinal);

    /// The summary of a body, from memory, the sidecar, or (once) the body itself.
    public async Task<MessageSummary> GetAsync(string blobId, byte[]? body = null, CancellationToken ct = default)
    {
        if (_cache.TryGetValue(blobId, out var cached))
            return cached;
        var summary = await ReadSidecarAsync(blobId, ct);
        if (summary is null)
        {
            body ??= await blobs.ReadAllAsync(blobId, ct);
            summary = MessageSummary.Create(body);
            try
            {
                await blobs.WriteSidecarAsync(blobId, summary.Serialize());
            }
            catch (IOException)
            {
                // A cache that cannot be written is derived again next time; never fail a FETCH for it.
            }
        }
        if (_cache.Count >= cacheLimit)
            _cache.Clear(); // crude but bounded; the sidecars make a refill cheap
        _cache[blobId] = summary;
        return summary;
    }

    private async Task<MessageSummary?> ReadSidecarAsync(string blobId, CancellationToken ct)
    {
        var data = await blobs.ReadSidecarAsync(blobId, ct);
        if (data is null)
            return null;
        try
        {
            return MessageSummary.Deserialize(data);
        }
        catch (InvalidDataException)
        {
            return null; // another format version, or torn: derive it again
        }
    }
}
