namespace Mail.Protocols.Imap;

/// <summary>The raw message as memory or as a seekable stream: only the asked range is read from a stream.</summary>
internal readonly struct MessageBytes
{
    private readonly ReadOnlyMemory<byte> memory;
    private readonly Stream? stream;

    public MessageBytes(ReadOnlyMemory<byte> memory) => this.memory = memory;

    public MessageBytes(Stream stream) => this.stream = stream;

    /// Octets [start, end), clamped to what the message really has.
    public byte[] Slice(long start, long end)
    {
        if (stream is null)
        {
            start = Math.Clamp(start, 0, memory.Length);
            end = Math.Clamp(end, start, memory.Length);
            return memory.Span[(int)start..(int)end].ToArray();
        }
        start = Math.Clamp(start, 0, stream.Length);
        end = Math.Clamp(end, start, stream.Length);
        var octets = new byte[end - start];
        stream.Position = start;
        stream.ReadExactly(octets);
        return octets;
    }
}
