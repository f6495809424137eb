using Mail.Integration.Tests.Harness;
using Mail.Tests.Shared;
using MimeKit;

namespace Mail.Integration.Tests.Queue;

/// <summary>
/// The outbound set-up: maild "A" (a.test) relays for loopback clients; maild "B" (b.test,
/// c.test) is the remote MX on a port fixed in advance, so A knows it before B runs (and B can
/// be started late, or not at all). A resolves through a DnsResponder on loopback and never
/// through the machine's resolver: nothing leaves 127.0.0.0/8.
/// </summary>
public abstract class TwoServers : MaildTestBase
{
    protected const string Alice = "alice@a.test";
    protected const string Bob = "bob@b.test";
    protected const string Password = "secret";

    protected DnsResponder Dns { get; } = new();

    protected int PortB { get; } = FreePort.Next();

    protected TwoServers()
    {
        Dns.AddMx("b.test", 10, "mx.b.test").AddA("mx.b.test", "127.0.0.1");
    }

    /// Maild A; <paramref name="backoff"/> is both the least and the longest wait between attempts.
    protected async Task<MaildServer> StartAAsync(TimeSpan? backoff = null, string extraConfig = "", IReadOnlyDictionary<string, string>? env = null)
    {
        var seconds = (int)(backoff ?? TimeSpan.FromSeconds(1)).TotalSeconds;
        var environment = new Dictionary<string, string>
        {
            ["MAILD_HOSTNAME"] = "mx.a.test",
            ["MAILD_DOMAINS"] = "a.test",
            ["MAILD_MYNETWORKS"] = "127.0.0.0/8", // the shipped default, which the harness turns off
        };
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
            environment[k] = v;
        var a = await StartServerAsync(new MaildOptions
        {
            Environment = environment,
            Config = $$"""
                maild.delivery { smtp-port = {{PortB}}, dns-servers = ["{{Dns.EndPoint}}"], connect-timeout = 5s }
                maild.queue { minimal-backoff-time = {{seconds}}s, maximal-backoff-time = {{seconds}}s }
                {{extraConfig}}
                """,
        });
        await a.AddUserAsync(Alice, Password);
        return a;
    }

    protected async Task<MaildServer> StartBAsync()
    {
        var b = await StartServerAsync(new MaildOptions
        {
            SmtpPort = PortB,
            Environment = new Dictionary<string, string> { ["MAILD_HOSTNAME"] = "mx.b.test", ["MAILD_DOMAINS"] = "b.test,c.test" },
            // Before it listens: A may be retrying already, and a 550 for Bob would bounce for good.
            Users = [(Bob, Password)],
        });
        return b;
    }

    /// Polls the mailbox over POP3 until it holds <paramref name="count"/> messages (or fails).
    protected static async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(MaildServer server, string user, int count, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var messages = await ReadAllAsync(server, user);
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(messages.Count == count, $"{user} has {messages.Count} messages, expected {count}\n{server.Tail(8000)}");
                return messages;
            }
            await Task.Delay(200, Ct);
        }
    }

    /// Waits for a log line: the server's logger is buffered, so a line can trail the event it tells of.
    protected static async Task WaitForLogAsync(MaildServer server, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!server.Log.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no log line with '{text}'\n{server.Tail(8000)}");
            await Task.Delay(100, Ct);
        }
    }

    /// Every message in the mailbox, read without deleting (POP3 RETR, no DELE).
    protected static async Task<IReadOnlyList<MimeMessage>> ReadAllAsync(MaildServer server, string user)
    {
        using var client = await MailKitClients.ConnectPop3Async(server.Pop3Port, user, Password);
        var messages = client.Count == 0 ? [] : await client.GetMessagesAsync(0, client.Count, Ct);
        await client.DisconnectAsync(quit: true, Ct);
        return [.. messages];
    }

    /// A raw SMTP transaction (so headers such as Bcc arrive exactly as written); returns the final reply.
    protected static async Task<SmtpResponse> SendRawAsync(MaildServer server, string from, string to, string message, string rcptParams = "")
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(server.SmtpPort, "client.a.test");
        await smtp.ExpectAsync($"MAIL FROM:<{from}>", 250);
        await smtp.ExpectAsync($"RCPT TO:<{to}>{rcptParams}", 250);
        await smtp.ExpectAsync("DATA", 354);
        await smtp.WriteAsync(message.Replace("\r\n", "\n").Replace("\n", "\r\n") + ".\r\n");
        var reply = await smtp.ReadReplyAsync();
        await smtp.CommandAsync("QUIT");
        return reply;
    }

    protected static string Message(string from, string to, string subject, string id) => $"""
        From: <{from}>
        To: <{to}>
        Subject: {subject}
        Message-ID: <{id}>

        Hello from the outbound tests.

        """;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Dns.Dispose();
    }
}
