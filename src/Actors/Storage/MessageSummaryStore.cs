using System.Collections.Concurrent;
using Mail.Protocols.Imap;

namespace Mail.Actors.Storage;

/// <summary>
/// ENVELOPE, BODYSTRUCTURE and part offsets per stored body (<see cref="MessageSummary"/>):
/// parsed with MimeKit once, then kept as a small sidecar file next to nothing else
/// (<c>summaries/XX/blobId</c>) and in a bounded memory cache, so a FETCH of headers never
/// parses a message again. A sidecar is derived data: a missing, truncated or outdated one is
/// rebuilt from the body, so it needs no fsync.
/// </summary>
public sealed class MessageSummaryStore
{
    private const int CacheLimit = 20_000;
    private readonly string _root;
    private readonly IBlobStore _blobs;
    private readonly ConcurrentDictionary<string, MessageSummary> _cache = new(StringComparer.Ordinal);

    public MessageSummaryStore(string dataFolder, IBlobStore blobs)
    {
        _root = Path.Combine(dataFolder, "summaries");
        _blobs = blobs;
        System.IO.Directory.CreateDirectory(_root);
    }

    /// The summary of a body, from memory, the sidecar, or (once) the body itself.
    public async Task<MessageSummary> GetAsync(string blobId, byte[]? body = null, CancellationToken ct = default)
    {
        if (_cache.TryGetValue(blobId, out var cached))
            return cached;
        var path = PathOf(blobId);
        MessageSummary? summary = null;
        if (File.Exists(path))
        {
            try { summary = MessageSummary.Deserialize(await File.ReadAllBytesAsync(path, ct)); }
            catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or IndexOutOfRangeException) { summary = null; }
        }
        if (summary is null)
        {
            body ??= await _blobs.ReadAllAsync(blobId, ct);
            summary = MessageSummary.Create(body);
            Write(path, summary);
        }
        Remember(blobId, summary);
        return summary;
    }

    /// Builds the sidecar right after delivery, so that the first FETCH finds it.
    public async Task PrepareAsync(string blobId, CancellationToken ct = default)
    {
        if (!_cache.ContainsKey(blobId) && !File.Exists(PathOf(blobId)))
            await GetAsync(blobId, null, ct);
    }

    public void Delete(string blobId)
    {
        _cache.TryRemove(blobId, out _);
        var path = PathOf(blobId);
        if (File.Exists(path))
            File.Delete(path);
    }

    private void Remember(string blobId, MessageSummary summary)
    {
        if (_cache.Count >= CacheLimit)
            _cache.Clear(); // crude but bounded; the sidecars make a refill cheap
        _cache[blobId] = summary;
    }

    private static void Write(string path, MessageSummary summary)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp" + Environment.CurrentManagedThreadId;
            File.WriteAllBytes(temp, summary.Serialize());
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException)
        {
            // A cache that cannot be written is rebuilt next time; never fail a FETCH for it.
        }
    }

    private string PathOf(string blobId)
    {
        return Path.Combine(_root, Fnv(blobId).ToString("x2", System.Globalization.CultureInfo.InvariantCulture), blobId);
    }

    // Stable across processes (string.GetHashCode is randomized per process).
    private static byte Fnv(string s)
    {
        uint h = 2166136261;
        foreach (var c in s)
            h = (h ^ c) * 16777619;
        return (byte)(h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24));
    }
}
