using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// <summary>
/// A raw SMTP client that can switch to TLS itself, for the tests a library would hide:
/// commands pipelined behind STARTTLS, a broken handshake, replies read one at a time. Before
/// TLS it reads byte by byte, so nothing the server sent after the 220 is swallowed unseen.
/// </summary>
internal sealed class TlsClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TcpClient _tcp;
    private Stream _stream;
    private LineReader? _reader;

    private TlsClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<TlsClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port);
        return new TlsClient(tcp);
    }

    public SslStream? Tls { get; private set; }

    public async Task WriteAsync(string text)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        await _stream.FlushAsync();
    }

    /// One reply ("250-a", "250 b" => "250-a|250 b"), or null when the server closed.
    public async Task<string?> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            var line = _reader is null ? await ReadPlainLineAsync() : await _reader.ReadLineAsync();
            if (line is null)
                return lines.Count == 0 ? null : throw new IOException("closed in the middle of a reply");
            lines.Add(line);
            if (line.Length < 4 || line[3] == ' ')
                return string.Join("|", lines);
        }
    }

    public async Task<string?> CommandAsync(string line)
    {
        await WriteAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    /// The client side of the handshake; any certificate is accepted (the server's is self-signed).
    public async Task HandshakeAsync(SslProtocols protocols = SslProtocols.None)
    {
        var ssl = await TlsClientStreams.HandshakeAsync(_stream, Timeout, protocols);
        Tls = ssl;
        _stream = ssl;
        _reader = new LineReader(ssl, Timeout);
    }

    /// True once the server has closed the connection (EOF or reset), within the timeout.
    public async Task<bool> IsClosedByServerAsync()
    {
        try
        {
            return await ReadReplyAsync() is null;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private Task<string?> ReadPlainLineAsync() => TlsClientStreams.ReadLineByteByByteAsync(_stream, Timeout);

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
