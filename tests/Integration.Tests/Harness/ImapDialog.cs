using System.Net.Sockets;
using System.Text;

namespace Mail.Integration.Tests.Harness;

/// <summary>
/// A scripted IMAP client over a raw socket, for what the client libraries hide: the exact
/// untagged responses and their order around a tagged completion. Literals in responses are
/// read whole and kept in the line text ("{n}\r\n..." inline).
/// </summary>
public sealed class ImapDialog : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly LineReader _reader;
    private int _tag;

    private ImapDialog(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new LineReader(_stream, ReadTimeout);
    }

    public string Greeting { get; private set; } = "";

    public static async Task<ImapDialog> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port);
        var dialog = new ImapDialog(client);
        dialog.Greeting = await dialog.ReadLineAsync();
        Assert.StartsWith("* OK", dialog.Greeting);
        return dialog;
    }

    public static async Task<ImapDialog> LoginAsync(int port, string user, string password)
    {
        var dialog = await ConnectAsync(port);
        var (status, _) = await dialog.CommandAsync($"LOGIN \"{user}\" \"{password}\"");
        Assert.StartsWith("OK", status);
        return dialog;
    }

    /// Sends one command with a fresh tag; returns the tagged status ("OK ...") and the untagged lines before it.
    public async Task<(string Status, IReadOnlyList<string> Untagged)> CommandAsync(string command)
    {
        var tag = "a" + (++_tag);
        await SendRawAsync($"{tag} {command}\r\n");
        return await ReadUntilTaggedAsync(tag);
    }

    public async Task SendRawAsync(string text) => await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task<(string Status, IReadOnlyList<string> Untagged)> ReadUntilTaggedAsync(string tag)
    {
        var untagged = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync();
            if (line.StartsWith(tag + " ", StringComparison.Ordinal))
                return (line[(tag.Length + 1)..], untagged);
            untagged.Add(line);
        }
    }

    /// One response line, with any literal it announces appended (read line by line: the
    /// bytes after the literal's end continue the response line).
    public async Task<string> ReadLineAsync()
    {
        var line = await _reader.ReadLineAsync() ?? throw new IOException("connection closed");
        while (line.EndsWith('}') && line.LastIndexOf('{') is var open and >= 0
               && int.TryParse(line[(open + 1)..^1].TrimEnd('+'), out var size))
        {
            var literal = new MemoryStream();
            while (literal.Length < size)
                literal.Write(await _reader.ReadLineBytesAsync() ?? throw new IOException("connection closed"));
            var bytes = literal.ToArray();
            var rest = Encoding.UTF8.GetString(bytes, size, bytes.Length - size);
            if (rest.Length == 0)
                rest = await _reader.ReadLineAsync() ?? throw new IOException("connection closed");
            line += "\r\n" + Encoding.UTF8.GetString(bytes, 0, size) + rest.TrimEnd('\r', '\n');
        }
        return line;
    }

    public string NextTag() => "a" + (++_tag);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Task.CompletedTask;
    }
}
