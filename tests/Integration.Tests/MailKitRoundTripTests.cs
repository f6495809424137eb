using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests;

/// MailKit's SmtpClient sends, MailKit's Pop3Client reads back: what a user's mail program sees.
public sealed class MailKitRoundTripTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    public override ValueTask InitializeAsync()
    {
        Watch(Server);
        return base.InitializeAsync();
    }

    [Fact]
    public async Task Message_sent_with_MailKit_comes_back_over_POP3_with_same_content_and_trace_headers()
    {
        var user = UniqueAddress("alice");
        await Server.AddUserAsync(user, "secret");
        var sent = MailKitClients.NewMessage("sender@remote.test", user, "Hello from MailKit", "Line one\r\nLine two\r\n");

        var reply = await MailKitClients.SendAsync(Server.SmtpPort, sent);

        var queued = System.Text.RegularExpressions.Regex.Match(reply, @"^2\.0\.0 Ok: queued as (\S+)$");
        Assert.True(queued.Success, reply);
        var queueId = queued.Groups[1].Value;
        var received = Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, user, "secret"));
        Assert.Equal(sent.Subject, received.Subject);
        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal("Line one\r\nLine two\r\n", received.TextBody!.ReplaceLineEndings("\r\n"));
        Assert.Equal("<sender@remote.test>", received.Headers[MimeKit.HeaderId.ReturnPath]);
        var trace = received.Headers[MimeKit.HeaderId.Received];
        Assert.StartsWith("from client.example.test", trace);
        Assert.Contains($"by {MaildOptions.Hostname} (maild) with ESMTP id {queueId}", trace);
        Assert.Contains($"for <{user}>", trace);
    }

    [Fact]
    public async Task UIDLs_are_the_same_in_two_sessions()
    {
        var user = UniqueAddress("uidl");
        await Server.AddUserAsync(user, "secret");
        for (var i = 0; i < 3; i++)
            await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, $"m{i}", "body"));

        IList<string> first, second;
        using (var client = await MailKitClients.ConnectPop3Async(Server.Pop3Port, user, "secret"))
        {
            first = await client.GetMessageUidsAsync(Ct);
            await client.DisconnectAsync(true, Ct);
        }
        using (var client = await MailKitClients.ConnectPop3Async(Server.Pop3Port, user, "secret"))
        {
            second = await client.GetMessageUidsAsync(Ct);
            await client.DisconnectAsync(true, Ct);
        }

        Assert.Equal(3, first.Count);
        Assert.Equal(3, first.Distinct().Count());
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task DELE_then_QUIT_removes_the_message()
    {
        var user = UniqueAddress("dele");
        await Server.AddUserAsync(user, "secret");
        await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "keep", "1"));
        await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "delete me", "2"));

        using (var client = await MailKitClients.ConnectPop3Async(Server.Pop3Port, user, "secret"))
        {
            Assert.Equal(2, client.Count);
            await client.DeleteMessageAsync(1, Ct);
            await client.DisconnectAsync(quit: true, Ct);
        }

        var left = Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, user, "secret"));
        Assert.Equal("keep", left.Subject);
    }

    [Fact]
    public async Task DELE_without_QUIT_on_a_dropped_connection_deletes_nothing()
    {
        var user = UniqueAddress("drop");
        await Server.AddUserAsync(user, "secret");
        await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "survivor", "1"));

        var pop = await Pop3Dialog.LoginAsync(Server.Pop3Port, user, "secret");
        await pop.ExpectOkAsync("DELE 1");
        Assert.Equal((0, 0L), await pop.StatAsync()); // deleted within the session...
        pop.Abort();                                   // ...but the client dies before QUIT

        var left = Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, user, "secret"));
        Assert.Equal("survivor", left.Subject);
    }

    [Fact]
    public async Task Second_concurrent_POP3_login_to_the_same_mailbox_gets_IN_USE()
    {
        var user = UniqueAddress("lock");
        await Server.AddUserAsync(user, "secret");
        await using var first = await Pop3Dialog.LoginAsync(Server.Pop3Port, user, "secret");

        await using var second = await Pop3Dialog.ConnectAsync(Server.Pop3Port);
        await second.ExpectOkAsync($"USER {user}");
        var reply = await second.CommandAsync("PASS secret");

        Assert.StartsWith("-ERR [IN-USE]", reply);
        await first.ExpectOkAsync("NOOP");
    }

    [Fact]
    public async Task Wrong_password_gets_AUTH_failure()
    {
        var user = UniqueAddress("auth");
        await Server.AddUserAsync(user, "secret");
        await using var pop = await Pop3Dialog.ConnectAsync(Server.Pop3Port);
        await pop.ExpectOkAsync($"USER {user}");

        Assert.Equal("-ERR [AUTH] Authentication failed.", await pop.CommandAsync("PASS wrong"));
    }
}
