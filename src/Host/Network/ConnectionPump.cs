using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Channels;
using Akka.Actor;
using Mail.Actors.Connections;
using Mail.Host.Tls;

namespace Mail.Host.Network;

/// <summary>
/// Moves bytes between one socket and its session actor (see ARCHITECTURE.md: Akka.IO has no
/// TLS, so connections are Socket + SslStream + Pipelines). Reading is demand-driven: one chunk
/// per <see cref="ReadMore"/>, so a session busy with a commit holds the client back through TCP
/// flow control instead of buffering without bound. Writes go through a channel to a single
/// writer loop that coalesces everything queued into one flush (pipelined replies leave in
/// one segment).
/// <para>
/// TLS: with implicit TLS the handshake runs before either loop starts (the session's greeting
/// waits in the channel). <see cref="StartTls"/> puts a marker in the write channel; the writer
/// flushes up to it (the 220) and hands over; the reader, which is idle because the session
/// asked for TLS instead of more input, drops its plaintext reader with whatever it held, runs
/// the handshake, and both loops continue over the SslStream.
/// </para>
/// <para>
/// Back-pressure on output: the pump counts the octets queued and not yet flushed. The reader
/// takes no new chunk while more than <see cref="ReadPauseQueue"/> wait (a client pipelining
/// thousands of commands without reading the answers is held back by TCP, like one that
/// writes too fast), and sessions with a long answer await <see cref="WhenQueuedBelow"/>
/// between batches. A client that reads nothing at all would block the writer forever, so a
/// close that cannot flush within <see cref="CloseGrace"/> drops the socket.
/// </para>
/// <para>
/// The fast path: a plaintext reply sent while the writer is idle and nothing is queued goes
/// straight to the socket from the session's thread, with a non-blocking send. Going through
/// the channel costs a thread-pool hop (and often a thread wake-up) per reply; a message over
/// SMTP is about seven replies. Whatever the kernel does not take at once (a full send buffer)
/// is queued for the writer as before, so order and back-pressure are unchanged.
/// </para>
/// </summary>
public sealed class ConnectionPump : IConnection
{
    private readonly Socket _socket;
    private readonly ServerTls? _tls;
    private readonly bool _implicitTls;
    private readonly SemaphoreSlim _readDemand = new(0);
    private readonly Channel<Outbound> _outbound =
        Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _plaintextFlushed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _upgraded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Stream _stream;
    private volatile SslStream? _ssl;
    private int _tlsRequested;
    private int _closeRequested;
    private volatile bool _stopped;
    private long _queued;
    private readonly Lock _drainLock = new();
    private TaskCompletionSource? _drained;
    private long _drainBelow;
    private readonly Lock _sendLock = new();
    private bool _writerActive;
    private Timer? _dropTimer; // guarded by _drainLock
    private int _queuedReplies; // in the channel, not yet taken by the writer (guarded by _sendLock)

    /// Queued output above which the reader stops taking client input.
    public const long ReadPauseQueue = 256 * 1024;

    /// How long <see cref="Close"/> lets queued output flush before it drops the socket.
    public static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(30);

    public ConnectionPump(Socket socket, ServerTls? tls = null, bool implicitTls = false)
    {
        if (implicitTls && tls is null)
            throw new ArgumentException("implicit TLS needs a certificate", nameof(tls));
        _socket = socket;
        _socket.NoDelay = true;
        _tls = tls;
        _implicitTls = implicitTls;
        _stream = new NetworkStream(socket, ownsSocket: true);
        // Only the direct send below is synchronous; it must never wait for the peer. (The
        // stream's async reads and writes do not depend on this flag; NetworkStream checks it
        // only when it is created.)
        _socket.Blocking = false;
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
        Local = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint Remote { get; }

    public IPEndPoint Local { get; }

    public bool IsSecure => _ssl is not null;

    public bool CanStartTls => _tls is not null && !_implicitTls && Volatile.Read(ref _tlsRequested) == 0;

    public void Send(ReadOnlyMemory<byte> bytes)
    {
        lock (_sendLock)
        {
            // Never under TLS: with implicit TLS the greeting is sent before the handshake is done
            // and must wait in the channel; after STARTTLS everything goes through the SslStream.
            if (!_writerActive && _queuedReplies == 0 && !_implicitTls && _ssl is null
                && Volatile.Read(ref _tlsRequested) == 0 && Volatile.Read(ref _closeRequested) == 0)
            {
                bytes = bytes[SendNow(bytes.Span)..];
                if (bytes.IsEmpty)
                    return;
            }
            Interlocked.Add(ref _queued, bytes.Length);
            if (_outbound.Writer.TryWrite(new Outbound(bytes, false)))
                _queuedReplies++;
            else
                Interlocked.Add(ref _queued, -bytes.Length); // closed: it will never be written
        }
    }

    // What the kernel takes without waiting; the rest goes to the writer. A broken connection
    // takes "everything": the read loop reports the end, as for a failed flush.
    private int SendNow(ReadOnlySpan<byte> bytes)
    {
        var sent = 0;
        while (sent < bytes.Length)
        {
            int n;
            try
            {
                n = _socket.Send(bytes[sent..], SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                    return sent;
                if (error != SocketError.Success)
                    return bytes.Length;
            }
            catch (ObjectDisposedException)
            {
                return bytes.Length;
            }
            sent += n;
        }
        return sent;
    }

    /// One waiter at a time in practice (the reader and the session's current command); with
    /// both, all wait for the lower bound, which only makes the higher one wait a little longer.
    public Task WhenQueuedBelow(long bytes)
    {
        lock (_drainLock)
        {
            if (_stopped || Interlocked.Read(ref _queued) < bytes)
                return Task.CompletedTask;
            _drainBelow = _drained is null ? bytes : Math.Min(_drainBelow, bytes);
            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    // After a flush (or when the writer ends): wakes the waiters once the queue is low enough.
    private void Flushed(long bytes)
    {
        var left = Interlocked.Add(ref _queued, -bytes);
        lock (_drainLock)
        {
            if (_drained is null || (left >= _drainBelow && !_stopped))
                return;
            _drained.TrySetResult();
            _drained = null;
        }
    }

    public void ReadMore() => _readDemand.Release();

    public void StartTls()
    {
        if (!CanStartTls || Interlocked.Exchange(ref _tlsRequested, 1) != 0)
            throw new InvalidOperationException("STARTTLS is not possible on this connection");
        _outbound.Writer.TryWrite(new Outbound(default, true));
        _readDemand.Release();
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
            return;
        _outbound.Writer.TryComplete();
        // A peer that stopped reading keeps the writer's flush pending forever; disposing the
        // socket fails that flush, and the loops end as for any broken connection. The timer
        // goes as soon as the writer ends: left to run out, one per connection closed kept
        // 30 s of closed connections alive (30,000 timers and pumps at 1,000 connections/s).
        lock (_drainLock)
        {
            if (!_stopped)
                _dropTimer = new Timer(static pump => ((ConnectionPump)pump!).DropIfStuck(), this, CloseGrace, Timeout.InfiniteTimeSpan);
        }
    }

    private void DropIfStuck()
    {
        if (!_stopped)
            _socket.Dispose();
    }

    /// Runs until the connection ends; the session hears <see cref="ConnectionClosed"/> exactly once.
    public async Task RunAsync(IActorRef session)
    {
        if (_implicitTls && await HandshakeAsync(session) is { } failed)
        {
            _stopped = true;
            await _stream.DisposeAsync();
            session.Tell(new ConnectionClosed(failed));
            return;
        }
        var writing = WriteLoop();
        var reason = await ReadLoop(session);
        Close();
        _upgraded.TrySetResult(false);
        await writing;
        await _stream.DisposeAsync();
        session.Tell(new ConnectionClosed(reason));
    }

    // Ending a connection throws nothing on the common paths (one connection per message is
    // the usual load): the writer shuts the socket down, which completes a pending read with
    // zero bytes, and releases the demand semaphore in case the reader was waiting there.
    private async Task<string> ReadLoop(IActorRef session)
    {
        var reader = NewReader();
        try
        {
            while (true)
            {
                await _readDemand.WaitAsync();
                await WhenQueuedBelow(ReadPauseQueue);
                if (_stopped)
                    return "closed by server";
                if (Volatile.Read(ref _tlsRequested) == 1 && _ssl is null)
                {
                    // Whatever the plaintext reader still holds is dropped with it (CVE-2011-0411).
                    await reader.CompleteAsync();
                    await _plaintextFlushed.Task;
                    if (_stopped)
                        return "closed by server";
                    if (await HandshakeAsync(session) is { } failed)
                        return failed;
                    reader = NewReader();
                    continue;
                }
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    var copy = new byte[buffer.Length];
                    buffer.CopyTo(copy);
                    session.Tell(new Received(copy));
                }
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                    return _stopped ? "closed by server" : "closed by peer";
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
        {
            return _stopped ? "closed by server" : e.InnerException?.Message ?? e.Message;
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private PipeReader NewReader() =>
        PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));

    /// <summary>
    /// The TLS server handshake over the plain stream; on success later reads and writes go
    /// through the SslStream. Returns null, or why it failed (the session hears
    /// <see cref="TlsFailed"/> and logs it).
    /// </summary>
    private async Task<string?> HandshakeAsync(IActorRef session)
    {
        var tls = _tls!;
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        using var timeout = new CancellationTokenSource(tls.HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(tls.Options, timeout.Token);
        }
        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException or SocketException
                                       or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            var reason = e is OperationCanceledException ? $"handshake timeout after {tls.HandshakeTimeout.TotalSeconds:0}s" : Innermost(e);
            session.Tell(new TlsFailed(reason));
            _upgraded.TrySetResult(false);
            await ssl.DisposeAsync(); // and the socket under it
            return "TLS handshake failed: " + reason;
        }
        _stream = ssl;
        _ssl = ssl;
        session.Tell(new TlsEstablished(ServerTls.ProtocolName(ssl.SslProtocol), ssl.NegotiatedCipherSuite.ToString()));
        _upgraded.TrySetResult(true);
        return null;
    }

    private static string Innermost(Exception e)
    {
        var messages = new List<string>();
        for (var x = e; x is not null; x = x.InnerException)
            messages.Add(x.Message);
        return string.Join(": ", messages.Distinct());
    }

    private async Task WriteLoop()
    {
        var writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                lock (_sendLock)
                    _writerActive = true;
                var upgrade = false;
                var written = 0L;
                var taken = 0;
                while (!upgrade && reader.TryRead(out var item))
                {
                    if (item.StartTls)
                        upgrade = true;
                    else
                    {
                        writer.Write(item.Bytes.Span);
                        taken++;
                    }
                    written += item.Bytes.Length;
                }
                lock (_sendLock)
                    _queuedReplies -= taken;
                var flushed = await writer.FlushAsync();
                Flushed(written);
                if (flushed.IsCanceled || flushed.IsCompleted)
                    break;
                lock (_sendLock)
                    _writerActive = upgrade || _queuedReplies > 0;
                if (!upgrade)
                    continue;
                // The 220 is on the wire; what follows goes through TLS, or nowhere.
                await writer.CompleteAsync();
                _plaintextFlushed.TrySetResult();
                if (!await _upgraded.Task)
                    return;
                writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
            }
            if (_ssl is { } ssl)
                await ssl.ShutdownAsync(); // close_notify, so the client sees a clean end
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // The peer is gone; the read loop reports it.
        }
        finally
        {
            try
            {
                await writer.CompleteAsync();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
            {
                // Dropped by DropIfStuck with output still buffered.
            }
            _stopped = true;
            lock (_drainLock)
            {
                _dropTimer?.Dispose();
                _dropTimer = null;
            }
            Flushed(0);
            _plaintextFlushed.TrySetResult();
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already reset by the peer.
            }
            _readDemand.Release();
        }
    }

    /// A reply to write, or the point where the connection switches to TLS.
    private readonly record struct Outbound(ReadOnlyMemory<byte> Bytes, bool StartTls);
}
