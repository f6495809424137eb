using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mail.Integration.Tests.Load;

/// <summary>
/// A loopback SMTP sink that refuses every other MAIL with 451 (counted across all
/// connections), then answers RCPT and DATA of the refused transaction with 503 as a real
/// server does after a failed MAIL, and accepts RSET. Commands are answered line by line, so
/// a pipelining client gets its replies in order. It counts the messages whose DATA it read
/// to the end, so a test can match the client's summary against what really arrived.
/// </summary>
public sealed class FlakySink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _mails;
    private int _accepted;
    private int _connections;

    public FlakySink(bool pipelining, string greeting = "220 sink.test ESMTP")
    {
        Pipelining = pipelining;
        Greeting = greeting;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public bool Pipelining { get; }

    public string Greeting { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                sessions.Add(Task.Run(() => ServeAsync(client)));
            }
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
        async Task Reply(string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"), _stop.Token);
        try
        {
            await Reply(Greeting);
            if (!Greeting.StartsWith("220", StringComparison.Ordinal))
                return;
            var transaction = false;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await Reply(Pipelining ? "250-sink.test\r\n250-PIPELINING\r\n250 8BITMIME" : "250-sink.test\r\n250 8BITMIME");
                        break;
                    case "MAIL":
                        transaction = Interlocked.Increment(ref _mails) % 2 == 1;
                        await Reply(transaction ? "250 2.1.0 Ok" : "451 4.3.0 Try again later");
                        break;
                    case "RCPT":
                        await Reply(transaction ? "250 2.1.5 Ok" : "503 5.5.1 Error: need MAIL command");
                        break;
                    case "DATA" when transaction:
                        await Reply("354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        {
                        }
                        Interlocked.Increment(ref _accepted);
                        transaction = false;
                        await Reply("250 2.0.0 Ok: queued");
                        break;
                    case "DATA":
                        await Reply("503 5.5.1 Error: need RCPT command");
                        break;
                    case "RSET":
                        transaction = false;
                        await Reply("250 2.0.0 Ok");
                        break;
                    case "QUIT":
                        await Reply("221 2.0.0 Bye");
                        return;
                    default:
                        await Reply("502 5.5.2 Error: command not recognized");
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // Test over, or the client hung up.
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
