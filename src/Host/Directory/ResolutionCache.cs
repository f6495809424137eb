using System.Collections.Concurrent;
using Mail.Actors.Directory;

namespace Mail.Host.Directory;

/// <summary>
/// RCPT TO resolutions seen while the directory stayed at one version: a new version starts an
/// empty cache, so nothing outlives a change. Bounded: past <see cref="Capacity"/> entries new
/// results are simply not kept (a dictionary attack of random names must not grow it).
/// </summary>
internal sealed class ResolutionCache(long version)
{
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, RecipientResolution> _entries = new(StringComparer.Ordinal);
    private int _count; // ConcurrentDictionary.Count takes every lock; this is kept beside it

    public long Version { get; } = version;

    public bool TryGet(string address, out RecipientResolution resolution) => _entries.TryGetValue(address, out resolution!);

    public void Add(string address, RecipientResolution resolution)
    {
        if (Volatile.Read(ref _count) < Capacity && _entries.TryAdd(address, resolution))
            Interlocked.Increment(ref _count);
    }
}
