using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mail.Host.Tests.Load;

/// <summary>
/// A tiny IMAP responder on loopback for the reader mode of `maild source` while maild's own
/// IMAP server is being written: it knows LOGIN, SELECT, UID FETCH 1:* BODY.PEEK[], UID STORE,
/// EXPUNGE and LOGOUT, answers them as RFC 9051 says (bodies as literals), and keeps each
/// user's messages so that --delete is visible. Anything else gets BAD.
/// </summary>
public sealed class ScriptedImapServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, (string Password, List<string> Messages)> _users;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public ScriptedImapServer(Dictionary<string, (string Password, List<string> Messages)> users)
    {
        _users = users;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public List<string> Commands { get; } = [];

    public int MessagesOf(string user)
    {
        lock (_users)
            return _users[user].Messages.Count;
    }

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (true)
                sessions.Add(ServeAsync(await _listener.AcceptTcpClientAsync(_stop.Token)));
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(sessions);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        async Task Send(string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stop.Token);
        await Send("* OK [CAPABILITY IMAP4rev1] scripted ready\r\n");
        string? user = null;
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                lock (Commands)
                    Commands.Add(line);
                var parts = line.Split(' ', 3);
                var (tag, verb) = (parts[0], parts.Length > 1 ? parts[1].ToUpperInvariant() : "");
                var rest = parts.Length > 2 ? parts[2] : "";
                switch (verb)
                {
                    case "LOGIN":
                        var words = rest.Split(' ').Select(w => w.Trim('"')).ToArray();
                        bool known;
                        lock (_users)
                            known = _users.TryGetValue(words[0], out var entry) && entry.Password == words[1];
                        user = known ? words[0] : null;
                        await Send(known ? $"{tag} OK LOGIN completed\r\n" : $"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials\r\n");
                        break;
                    case "SELECT" when user is not null:
                        await Send($"* {MessagesOf(user)} EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n{tag} OK [READ-WRITE] SELECT completed\r\n");
                        break;
                    case "UID" when user is not null && rest.StartsWith("FETCH 1:* BODY.PEEK[]", StringComparison.Ordinal):
                        string[] messages;
                        lock (_users)
                            messages = [.. _users[user].Messages];
                        for (var i = 0; i < messages.Length; i++)
                            await Send($"* {i + 1} FETCH (UID {i + 1} BODY[] {{{Encoding.ASCII.GetByteCount(messages[i])}}}\r\n{messages[i]})\r\n");
                        await Send($"{tag} OK UID FETCH completed\r\n");
                        break;
                    case "UID" when user is not null && rest.StartsWith("STORE 1:* +FLAGS.SILENT (\\Deleted)", StringComparison.Ordinal):
                        await Send($"{tag} OK UID STORE completed\r\n");
                        break;
                    case "EXPUNGE" when user is not null:
                        int count;
                        lock (_users)
                        {
                            count = _users[user].Messages.Count;
                            _users[user].Messages.Clear();
                        }
                        await Send(string.Concat(Enumerable.Repeat("* 1 EXPUNGE\r\n", count)) + $"{tag} OK EXPUNGE completed\r\n");
                        break;
                    case "LOGOUT":
                        await Send($"* BYE logging out\r\n{tag} OK LOGOUT completed\r\n");
                        return;
                    default:
                        await Send($"{tag} BAD unexpected command\r\n");
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The test is over, or the client hung up: nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
