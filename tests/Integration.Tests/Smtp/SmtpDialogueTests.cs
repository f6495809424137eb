using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// Raw SMTP dialogues against the real server, asserting every reply code and enhanced code.
public sealed class SmtpDialogueTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    public override ValueTask InitializeAsync()
    {
        Watch(Server);
        return base.InitializeAsync();
    }

    private static byte[] Data(string subject, string body = "hello\r\n") =>
        Encoding.UTF8.GetBytes($"Subject: {subject}\r\n\r\n{body}.\r\n");

    private async Task<int> CountMessagesAsync(string user)
    {
        await using var pop = await Pop3Dialog.LoginAsync(Server.Pop3Port, user, "secret");
        var (count, _) = await pop.StatAsync();
        await pop.ExpectOkAsync("QUIT");
        return count;
    }

    [Fact]
    public async Task Greeting_is_220_with_the_configured_hostname()
    {
        await using var smtp = await SmtpDialog.ConnectAsync(Server.SmtpPort);

        Assert.Equal(220, smtp.Greeting.Code);
        Assert.Equal("mx.example.test ESMTP maild", smtp.Greeting.Text);
    }

    [Fact]
    public async Task EHLO_advertises_exactly_pipelining_size_starttls_8bitmime_enhanced_status_codes_dsn_smtputf8_and_chunking()
    {
        await using var smtp = await SmtpDialog.ConnectAsync(Server.SmtpPort);

        var ehlo = await smtp.ExpectAsync("EHLO client.example.test", 250);

        Assert.Equal(["mx.example.test", "PIPELINING", "SIZE 10240000", "STARTTLS", "8BITMIME", "ENHANCEDSTATUSCODES", "DSN", "SMTPUTF8", "CHUNKING"], ehlo.Lines);
    }

    [Fact]
    public async Task Pipelined_MAIL_RCPT_RCPT_DATA_in_one_write_get_their_replies_in_order()
    {
        var user = UniqueAddress("pipe");
        await Server.AddUserAsync(user, "secret");
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);

        await smtp.WriteAsync($"MAIL FROM:<s@remote.test>\r\nRCPT TO:<{user}>\r\nRCPT TO:<nobody@example.test>\r\nDATA\r\n");

        var replies = new List<SmtpResponse>();
        for (var i = 0; i < 4; i++)
            replies.Add(await smtp.ReadReplyAsync());
        Assert.Equal(["250 2.1.0", "250 2.1.5", "550 5.1.1", "354 "], replies.Select(r => $"{r.Code} {r.Enhanced}"));
        await smtp.WriteAsync(Data("pipelined"));
        var queued = await smtp.ReadReplyAsync();
        Assert.Equal((250, "2.0.0"), (queued.Code, queued.Enhanced));
        Assert.StartsWith("2.0.0 Ok: queued as ", queued.Text);
        Assert.Equal(1, await CountMessagesAsync(user));
    }

    [Fact]
    public async Task RCPT_before_MAIL_is_503_bad_sequence()
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);

        await smtp.ExpectAsync($"RCPT TO:<{SharedMaild.User}>", 503, "5.5.1");
    }

    [Fact]
    public async Task MAIL_without_colon_is_501_syntax_error()
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);

        await smtp.ExpectAsync("MAIL FROM s@remote.test", 501, "5.5.4");
        await smtp.ExpectAsync("MAIL FROM:<s@remote.test>", 250, "2.1.0"); // the session carries on
    }

    [Fact]
    public async Task Unknown_command_is_500()
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);

        await smtp.ExpectAsync("FROBNICATE now", 500, "5.5.2");
    }

    [Fact]
    public async Task Unknown_local_user_is_550_user_unknown()
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);
        await smtp.ExpectAsync("MAIL FROM:<s@remote.test>", 250);

        await smtp.ExpectAsync("RCPT TO:<nobody@example.test>", 550, "5.1.1");
    }

    [Fact]
    public async Task Remote_domain_is_554_relay_access_denied_for_an_untrusted_client()
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);
        await smtp.ExpectAsync("MAIL FROM:<s@remote.test>", 250);

        var reply = await smtp.ExpectAsync("RCPT TO:<someone@elsewhere.test>", 554, "5.7.1");
        Assert.Contains("Relay access denied", reply.Text);
    }

    [Fact]
    public async Task Declared_SIZE_over_the_limit_is_552_at_MAIL()
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);

        await smtp.ExpectAsync("MAIL FROM:<s@remote.test> SIZE=99999999", 552, "5.3.4");
        await smtp.ExpectAsync("MAIL FROM:<s@remote.test> SIZE=1000", 250, "2.1.0");
    }

    [Fact]
    public async Task VRFY_is_252_and_QUIT_is_221_then_the_server_closes()
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);

        await smtp.ExpectAsync($"VRFY {SharedMaild.User}", 252, "2.0.0");
        await smtp.ExpectAsync("QUIT", 221, "2.0.0");
        Assert.True(await smtp.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Same_recipient_twice_gets_one_copy()
    {
        var user = UniqueAddress("twice");
        await Server.AddUserAsync(user, "secret");
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);

        var reply = await smtp.SendMailAsync("s@remote.test", [user, user.ToUpperInvariant()], Data("twice"));

        Assert.Equal(250, reply.Code);
        Assert.Equal(1, await CountMessagesAsync(user));
    }

    [Fact]
    public async Task Bare_LF_dot_LF_and_CRLF_dot_LF_do_not_end_DATA_no_SMTP_smuggling()
    {
        var user = UniqueAddress("smuggle");
        await Server.AddUserAsync(user, "secret");
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);
        var body = "Subject: smuggling\r\n\r\nbefore\n.\nMAIL FROM:<evil@remote.test>\r\nmiddle\r\n.\n"
            + $"RCPT TO:<{user}>\r\nafter\r\n.\r\n";

        var reply = await smtp.SendMailAsync("s@remote.test", [user], Encoding.ASCII.GetBytes(body));

        Assert.Equal(250, reply.Code);
        // Had the server ended DATA early, the smuggled MAIL/RCPT would have replies queued here.
        await smtp.ExpectAsync("QUIT", 221);
        await using var pop = await Pop3Dialog.LoginAsync(Server.Pop3Port, user, "secret");
        Assert.Equal(1, (await pop.StatAsync()).Count);
        var stored = Encoding.ASCII.GetString(await pop.RetrAsync(1));
        Assert.Contains("before", stored);
        Assert.Contains("MAIL FROM:<evil@remote.test>", stored);
        Assert.Contains("middle", stored);
        Assert.EndsWith("after\r\n", stored);
    }
}
