using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Pop3;

/// <summary>
/// A raw POP3 client that can switch to TLS itself (STLS, or TLS right away for the pop3s
/// port), for what libraries never do: commands pipelined behind STLS, connections counted one
/// by one. Before TLS it reads byte by byte, so nothing the server sent after "+OK Begin TLS
/// negotiation" can be swallowed unseen by a buffer.
/// </summary>
internal sealed class Pop3TlsDialog : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TcpClient _tcp;
    private Stream _stream;
    private LineReader? _reader;

    private Pop3TlsDialog(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// Connects (and, with <paramref name="implicitTls"/>, does the handshake first); returns before the greeting is read.
    public static async Task<Pop3TlsDialog> ConnectAsync(int port, bool implicitTls = false)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port);
        var dialog = new Pop3TlsDialog(tcp);
        if (implicitTls)
            await dialog.HandshakeAsync();
        return dialog;
    }

    public bool IsSecure => _reader is not null;

    public async Task WriteAsync(string text)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        await _stream.FlushAsync();
    }

    /// One line without CRLF, or null when the server closed the connection.
    public async Task<string?> ReadLineAsync() => _reader is null ? await ReadPlainLineAsync() : await _reader.ReadLineAsync();

    public async Task<string?> CommandAsync(string line)
    {
        await WriteAsync(line + "\r\n");
        return await ReadLineAsync();
    }

    /// The lines of a multi-line reply after its status line, up to (not including) the ".".
    public async Task<IReadOnlyList<string>> ReadMultiLineAsync()
    {
        var lines = new List<string>();
        while (await ReadLineAsync() is { } line && line != ".")
            lines.Add(line);
        return lines;
    }

    /// The client side of the handshake; any certificate is accepted (the server's is self-signed).
    public async Task HandshakeAsync()
    {
        var ssl = await TlsClientStreams.HandshakeAsync(_stream, Timeout);
        _stream = ssl;
        _reader = new LineReader(ssl, Timeout);
    }

    /// True once the server has closed the connection (EOF or reset), within the timeout.
    public async Task<bool> IsClosedByServerAsync()
    {
        try
        {
            return await ReadLineAsync() is null;
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
