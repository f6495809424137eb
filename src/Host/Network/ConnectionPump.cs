using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Akka.Actor;
using Mail.Actors.Connections;

namespace Mail.Host.Network;

/// <summary>
/// Moves bytes between one socket and its session actor (see ARCHITECTURE.md: Akka.IO has no
/// TLS, so connections are Socket + Pipelines). Reading is demand-driven: one chunk per
/// <see cref="ReadMore"/>, so a session busy with a commit holds the client back through TCP
/// flow control instead of buffering without bound. Writes go through a channel to a single
/// writer loop that coalesces everything queued into one flush (pipelined replies leave in
/// one segment).
/// </summary>
public sealed class ConnectionPump : IConnection
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly SemaphoreSlim _readDemand = new(0);
    private readonly Channel<ReadOnlyMemory<byte>> _outbound =
        Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
    private int _closeRequested;
    private volatile bool _stopped;

    public ConnectionPump(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
        Local = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint Remote { get; }

    public IPEndPoint Local { get; }

    public bool IsSecure => false;

    public void Send(ReadOnlyMemory<byte> bytes) => _outbound.Writer.TryWrite(bytes);

    public void ReadMore() => _readDemand.Release();

    public void Close()
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 0)
            _outbound.Writer.TryComplete();
    }

    /// Runs until the connection ends; the session hears <see cref="ConnectionClosed"/> exactly once.
    public async Task RunAsync(IActorRef session)
    {
        var writing = WriteLoop();
        var reason = await ReadLoop(session);
        Close();
        await writing;
        await _stream.DisposeAsync();
        session.Tell(new ConnectionClosed(reason));
    }

    // Ending a connection throws nothing on the common paths (one connection per message is
    // the usual load): the writer shuts the socket down, which completes a pending read with
    // zero bytes, and releases the demand semaphore in case the reader was waiting there.
    private async Task<string> ReadLoop(IActorRef session)
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        try
        {
            while (true)
            {
                await _readDemand.WaitAsync();
                if (_stopped)
                    return "closed by server";
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

    private async Task WriteLoop()
    {
        var writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var chunk))
                    writer.Write(chunk.Span);
                var flushed = await writer.FlushAsync();
                if (flushed.IsCanceled || flushed.IsCompleted)
                    break;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The peer is gone; the read loop reports it.
        }
        finally
        {
            await writer.CompleteAsync();
            _stopped = true;
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
}
