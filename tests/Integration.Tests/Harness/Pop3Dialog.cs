using System.Net.Sockets;
using System.Text;

namespace Mail.Integration.Tests.Harness;

/// <summary>
/// A scripted POP3 client over a raw socket. Multi-line responses come back as the exact
/// bytes of the message: the terminating "." line removed and dot-stuffing undone
/// (RFC 1939 section 3), nothing else touched.
/// </summary>
public sealed class Pop3Dialog : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly LineReader _reader;

    private Pop3Dialog(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new LineReader(_stream, ReadTimeout);
    }

    public string Greeting { get; private set; } = "";

    public static async Task<Pop3Dialog> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port);
        var dialog = new Pop3Dialog(client);
        dialog.Greeting = await dialog.ReadLineAsync();
        Assert.StartsWith("+OK", dialog.Greeting);
        return dialog;
    }

    /// Connects and logs in with USER/PASS. A mailbox still locked by a session that just
    /// went away ([IN-USE]) is retried: the lock is released asynchronously, bounded here.
    public static async Task<Pop3Dialog> LoginAsync(int port, string user, string password)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var dialog = await ConnectAsync(port);
            await dialog.ExpectOkAsync($"USER {user}");
            var reply = await dialog.CommandAsync($"PASS {password}");
            if (reply.StartsWith("+OK", StringComparison.Ordinal))
                return dialog;
            await dialog.DisposeAsync();
            if (!reply.Contains("[IN-USE]", StringComparison.Ordinal) || deadline.IsCancellationRequested)
                throw new InvalidOperationException($"POP3 login of {user} failed: {reply}");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    public async Task<string> CommandAsync(string line)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"));
        return await ReadLineAsync();
    }

    public async Task<string> ExpectOkAsync(string line)
    {
        var reply = await CommandAsync(line);
        Assert.True(reply.StartsWith("+OK", StringComparison.Ordinal), $"'{line}': expected +OK, got '{reply}'");
        return reply;
    }

    /// "STAT" → (count, octets).
    public async Task<(int Count, long Size)> StatAsync()
    {
        var parts = (await ExpectOkAsync("STAT")).Split(' ');
        return (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// RETR n: the message bytes exactly as stored.
    public async Task<byte[]> RetrAsync(int number)
    {
        await ExpectOkAsync($"RETR {number}");
        return await ReadMultiLineAsync();
    }

    /// The rest of a multi-line response after its +OK line (LIST, UIDL, RETR, TOP, CAPA).
    public async Task<byte[]> ReadMultiLineAsync()
    {
        var body = new MemoryStream();
        while (true)
        {
            var line = await _reader.ReadLineBytesAsync() ?? throw new IOException("connection closed inside a multi-line response");
            if (line.Length == 3 && line[0] == '.')
                return body.ToArray();
            var skip = line[0] == '.' ? 1 : 0;
            body.Write(line, skip, line.Length - skip);
        }
    }

    /// UIDL: message number → unique id.
    public async Task<IReadOnlyDictionary<int, string>> UidlAsync()
    {
        await ExpectOkAsync("UIDL");
        var text = Encoding.ASCII.GetString(await ReadMultiLineAsync());
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .ToDictionary(p => int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p => p[1]);
    }

    public async Task<string> ReadLineAsync() =>
        await _reader.ReadLineAsync() ?? throw new IOException("POP3 server closed the connection");

    /// Closes with RST, without QUIT: a client that died in the TRANSACTION state.
    public void Abort()
    {
        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Close();
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
