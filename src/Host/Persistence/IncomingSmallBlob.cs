using System.Buffers;
using Mail.Actors.Storage;

namespace Mail.Host.Persistence;

/// <summary>
/// A body being received for <see cref="SqliteBlobStore"/>: kept in memory while it fits the
/// store's limit, moved into a spool file (and from then on handled as a file body) as soon as
/// it grows past it. Memory per session is therefore bounded by the limit.
/// </summary>
internal sealed class IncomingSmallBlob(SqliteBlobStore store, string queueId) : IIncomingBlob
{
    private ArrayBufferWriter<byte>? _memory = new(4096);
    private IIncomingBlob? _file;
    private bool _done;

    public long Length { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_file is null && _memory!.WrittenCount + (long)bytes.Length > store.InlineLimit)
        {
            _file = store.Files.Create(queueId);
            _file.Write(_memory.WrittenSpan);
            _memory = null;
        }
        if (_file is not null)
            _file.Write(bytes);
        else
            _memory!.Write(bytes);
        Length += bytes.Length;
    }

    public Task CommitAsync(IReadOnlyList<string> blobIds)
    {
        if (blobIds.Count == 0)
            throw new ArgumentException("a blob needs at least one id", nameof(blobIds));
        ObjectDisposedException.ThrowIf(_done, this);
        _done = true;
        if (_file is not null)
            return _file.CommitAsync(blobIds);
        var body = _memory!.WrittenSpan.ToArray();
        _memory = null;
        return store.InsertAsync(blobIds, body);
    }

    public void Discard()
    {
        _done = true;
        _memory = null;
        _file?.Discard();
    }

    // After a commit the body belongs to the store (a committed file blob's Dispose leaves it be).
    public void Dispose()
    {
        _file?.Dispose();
        _done = true;
        _memory = null;
    }
}
