using System.Net;

namespace Mail.Actors.Connections;

/// <summary>
/// What a session actor sees of its socket. The pump behind it (Host) reads one chunk at a
/// time and only when asked (<see cref="ReadMore"/>), which is the back-pressure: a client that
/// pipelines faster than the session answers simply waits in the kernel's buffers.
/// Writes are queued and sent in order by the pump's writer; none of these calls block.
/// </summary>
public interface IConnection
{
    IPEndPoint Remote { get; }

    IPEndPoint Local { get; }

    /// True once TLS is up (implicit TLS or after STARTTLS).
    bool IsSecure { get; }

    void Send(ReadOnlyMemory<byte> bytes);

    /// Asks the pump for the next chunk; it arrives as <see cref="Received"/>.
    void ReadMore();

    /// Flushes queued writes, then closes the socket; a <see cref="ConnectionClosed"/> follows.
    void Close();
}

/// Bytes from the client. The array is the session's to keep.
public sealed record Received(byte[] Bytes);

/// The peer went away or the pump closed the socket; the session stops.
public sealed record ConnectionClosed(string Reason)
{
    public static readonly ConnectionClosed ByPeer = new("closed by peer");
}

/// Sent to every session when the node shuts down: finish the current transaction, say goodbye.
public sealed class ServerShuttingDown
{
    public static readonly ServerShuttingDown Instance = new();
    private ServerShuttingDown() { }
}
