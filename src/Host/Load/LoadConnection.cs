using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Mail.Host.Load;

/// <summary>
/// One client connection of a load session: a TCP socket (Nagle off: commands are small and
/// latency is what we measure), optionally wrapped in an SslStream, a <see cref="ReplyReader"/>
/// and one reusable output buffer so that pipelined commands leave in one write. Every read
/// is bounded by the run's --timeout; a timeout surfaces as <see cref="TimeoutException"/>.
/// </summary>
public sealed class LoadConnection : IAsyncDisposable
{
    private readonly SourceOptions _options;
    private readonly Socket _socket;
    private readonly CancellationToken _run;
    private CancellationTokenSource _timer;
    private byte[] _output = new byte[8 * 1024];
    private int _length;

    private LoadConnection(SourceOptions options, Socket socket, CancellationToken run)
    {
        _options = options;
        _socket = socket;
        _run = run;
        _timer = CancellationTokenSource.CreateLinkedTokenSource(run);
        Reader = new ReplyReader(new NetworkStream(socket, ownsSocket: true));
    }

    public ReplyReader Reader { get; }

    public static async Task<LoadConnection> OpenAsync(SourceOptions options, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Timeout);
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var connection = new LoadConnection(options, socket, ct);
        try
        {
            if (options.Security == LoadSecurity.ImplicitTls)
                await connection.StartTlsAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// TLS over what is connected now (right after connect, or after "220 Ready to start TLS").
    public async Task StartTlsAsync()
    {
        if (Reader.HasBuffered)
            throw new IOException("server sent data before the TLS handshake");
        var tls = new SslStream(Reader.Stream, leaveInnerStreamOpen: false,
            _options.Insecure ? (_, _, _, _) => true : null);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = _options.Host }, Bounded());
        Reader.Stream = tls;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _output.Length)
            Array.Resize(ref _output, Math.Max(_output.Length * 2, _length + bytes.Length));
        bytes.CopyTo(_output.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Append(string ascii)
    {
        var count = Encoding.UTF8.GetByteCount(ascii);
        if (_length + count > _output.Length)
            Array.Resize(ref _output, Math.Max(_output.Length * 2, _length + count));
        _length += Encoding.UTF8.GetBytes(ascii, _output.AsSpan(_length));
    }

    /// Sends what was appended, in one write.
    public async ValueTask FlushAsync()
    {
        var length = _length;
        _length = 0;
        try
        {
            await Reader.Stream.WriteAsync(_output.AsMemory(0, length), Bounded());
        }
        catch (OperationCanceledException) when (!_run.IsCancellationRequested)
        {
            throw new TimeoutException($"could not send within {_options.Timeout.TotalSeconds} s");
        }
    }

    public async ValueTask<int> SmtpAsync(string command, Action<ReadOnlyMemory<byte>>? line = null)
    {
        Append(command);
        Append("\r\n"u8);
        await FlushAsync();
        return await SmtpReplyAsync(line);
    }

    public async ValueTask<int> SmtpReplyAsync(Action<ReadOnlyMemory<byte>>? line = null)
    {
        try
        {
            return await Reader.ReadSmtpReplyAsync(Bounded(), line);
        }
        catch (OperationCanceledException) when (!_run.IsCancellationRequested)
        {
            throw new TimeoutException($"no reply within {_options.Timeout.TotalSeconds} s");
        }
    }

    public async ValueTask<ReadOnlyMemory<byte>> LineAsync()
    {
        try
        {
            return await Reader.ReadLineAsync(Bounded());
        }
        catch (OperationCanceledException) when (!_run.IsCancellationRequested)
        {
            throw new TimeoutException($"no reply within {_options.Timeout.TotalSeconds} s");
        }
    }

    /// Skips an IMAP literal of <paramref name="count"/> bytes.
    public async ValueTask SkipAsync(long count)
    {
        try
        {
            await Reader.SkipAsync(count, Bounded());
        }
        catch (OperationCanceledException) when (!_run.IsCancellationRequested)
        {
            throw new TimeoutException($"no data within {_options.Timeout.TotalSeconds} s");
        }
    }

    /// A token that fires after --timeout, or when the run is cancelled (Ctrl-C).
    private CancellationToken Bounded()
    {
        if (!_timer.TryReset())
        {
            _timer.Dispose();
            _timer = CancellationTokenSource.CreateLinkedTokenSource(_run);
        }
        _timer.CancelAfter(_options.Timeout);
        return _timer.Token;
    }

    public async ValueTask DisposeAsync()
    {
        await Reader.Stream.DisposeAsync();
        _socket.Dispose();
        _timer.Dispose();
    }
}
