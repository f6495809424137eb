namespace Mail.Protocols.Imap;

/// <summary>
/// Takes a literal's octets as they arrive, keeping them (a literal of the command being
/// collected) or dropping them (a refused non-synchronizing literal).
/// </summary>
/// <remarks>
/// The buffer grows with what actually arrived rather than being sized from the announced
/// length, so announcing "{67108864}" and sending nothing costs the server nothing.
/// </remarks>
internal sealed class LiteralSink
{
    private const int InitialCapacity = 4096;

    private MemoryStream? _kept;
    private long _remaining;

    /// <summary>True from <see cref="Start"/> until all announced octets were taken.</summary>
    public bool Active { get; private set; }

    public void Start(long size, bool keep)
    {
        _remaining = size;
        _kept = keep ? new MemoryStream((int)Math.Min(size, InitialCapacity)) : null;
        Active = true;
    }

    /// <summary>Takes what belongs to the literal from <paramref name="input"/>; returns how many octets.</summary>
    public int Take(ReadOnlySpan<byte> input)
    {
        var n = (int)Math.Min(_remaining, input.Length);
        _kept?.Write(input[..n]);
        _remaining -= n;
        Active = _remaining > 0;
        return n;
    }

    /// <summary>The kept octets of the finished literal.</summary>
    public byte[] Collected()
    {
        var bytes = _kept?.ToArray() ?? [];
        _kept = null;
        return bytes;
    }
}
