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

    /// <summary>
    /// Completes once fewer than <paramref name="bytes"/> octets wait to be written (at once when
    /// that is already so, or when the connection is gone). A session producing a large answer
    /// (IMAP "FETCH 1:* BODY[]") awaits this between batches, so a client that never reads holds
    /// the server to a bounded queue instead of the whole folder in memory.
    /// </summary>
    Task WhenQueuedBelow(long bytes) => Task.CompletedTask;

    /// Asks the pump for the next chunk; it arrives as <see cref="Received"/>.
    void ReadMore();

    /// Flushes queued writes, then closes the socket; a <see cref="ConnectionClosed"/> follows.
    void Close();

    /// True when the pump can upgrade this connection with STARTTLS (a certificate is
    /// configured, TLS is not up yet and no upgrade was requested).
    bool CanStartTls => false;

    /// <summary>
    /// Flushes what was queued so far (the "220 Ready to start TLS"), throws away any plaintext
    /// the pump holds, then runs the TLS server handshake. The session hears
    /// <see cref="TlsEstablished"/> or <see cref="TlsFailed"/> (then <see cref="ConnectionClosed"/>).
    /// Call it instead of <see cref="ReadMore"/>; nothing is read until it completes.
    /// </summary>
    void StartTls() => throw new NotSupportedException("this connection cannot start TLS");
}

/// TLS is up (after STARTTLS, or before the greeting on an implicit-TLS port): "TLSv1.3", "TLS_AES_256_GCM_SHA384".
public sealed record TlsEstablished(string Protocol, string CipherSuite);

/// The TLS handshake failed; the pump closes the connection.
public sealed record TlsFailed(string Reason);

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
