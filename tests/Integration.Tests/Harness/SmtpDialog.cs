using System.Net.Sockets;
using System.Text;

namespace Mail.Integration.Tests.Harness;

/// One SMTP reply: code, optional enhanced code, and its lines without the "250-" prefixes.
public sealed record SmtpResponse(int Code, IReadOnlyList<string> Lines)
{
    public string Text => Lines[^1];

    /// "5.1.1" when the last line starts with an enhanced status code.
    public string? Enhanced => Text.Split(' ')[0] is var first && first.Length >= 5 && char.IsDigit(first[0]) && first[1] == '.' ? first : null;

    public override string ToString() => string.Join(" | ", Lines.Select(l => $"{Code} {l}"));
}

/// <summary>
/// A scripted SMTP client over a raw socket: it writes exactly the bytes a test gives it
/// (pipelined commands, bare LFs, a half-sent DATA) and reads replies one at a time, so a test
/// can assert every code in order. Every read has an upper bound and fails the test at it.
/// </summary>
public sealed class SmtpDialog : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly LineReader _reader;

    private SmtpDialog(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new LineReader(_stream, ReadTimeout);
    }

    public SmtpResponse Greeting { get; private set; } = null!;

    public static async Task<SmtpDialog> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port);
        var dialog = new SmtpDialog(client);
        dialog.Greeting = await dialog.ReadReplyAsync();
        return dialog;
    }

    /// Connects and says EHLO; the EHLO reply must be 250.
    public static async Task<SmtpDialog> ConnectEhloAsync(int port, string name = "client.example.test")
    {
        var dialog = await ConnectAsync(port);
        await dialog.ExpectAsync($"EHLO {name}", 250);
        return dialog;
    }

    public Task WriteAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task WriteAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    public async Task<SmtpResponse> CommandAsync(string line)
    {
        await WriteAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    /// Sends a command and asserts the reply code (and, when given, the enhanced code).
    public async Task<SmtpResponse> ExpectAsync(string line, int code, string? enhanced = null)
    {
        var reply = await CommandAsync(line);
        Assert.True(reply.Code == code && (enhanced is null || reply.Enhanced == enhanced),
            $"'{line}': expected {code} {enhanced}, got {reply}");
        return reply;
    }

    public async Task<SmtpResponse> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync()
                ?? throw new IOException($"connection closed while waiting for a reply (after {string.Join(" | ", lines)})");
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), out var code))
                throw new InvalidDataException($"not an SMTP reply line: '{line}'");
            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] == ' ')
                return new SmtpResponse(code, lines);
        }
    }

    /// True once the server has closed the connection (reads to EOF, bounded).
    public async Task<bool> IsClosedByServerAsync()
    {
        try
        {
            return await _reader.ReadLineAsync() is null;
        }
        catch (IOException)
        {
            return true; // reset
        }
    }

    /// The whole message transaction with a body given as the exact DATA bytes (already
    /// dot-stuffed, ending with CRLF.CRLF); returns the final reply.
    public async Task<SmtpResponse> SendMailAsync(string from, IEnumerable<string> to, byte[] data)
    {
        await ExpectAsync($"MAIL FROM:<{from}>", 250);
        foreach (var rcpt in to)
            await ExpectAsync($"RCPT TO:<{rcpt}>", 250);
        await ExpectAsync("DATA", 354);
        await WriteAsync(data);
        return await ReadReplyAsync();
    }

    /// Closes with RST instead of FIN: a client that crashed, not one that said goodbye.
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
