using System.Collections.Concurrent;
using System.Text;
using Mail.Actors.Storage;

namespace Mail.Actors.Tests.Delivery;

/// Bodies in a dictionary: enough for delivery agents, which only read.
internal sealed class MemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new();

    public void Put(string blobId, string text) => _blobs[blobId] = Encoding.UTF8.GetBytes(text);

    public IIncomingBlob Create(string queueId) => throw new NotSupportedException();

    public Task<byte[]> ReadAllAsync(string blobId, CancellationToken ct = default) =>
        _blobs.TryGetValue(blobId, out var bytes)
            ? Task.FromResult(bytes)
            : Task.FromException<byte[]>(new FileNotFoundException("no such blob", blobId));

    public void Delete(string blobId) => _blobs.TryRemove(blobId, out _);

    public bool Exists(string blobId) => _blobs.ContainsKey(blobId);

    public Task LinkAsync(string existingId, string newId)
    {
        _blobs.TryAdd(newId, _blobs[existingId]);
        return Task.CompletedTask;
    }
}
