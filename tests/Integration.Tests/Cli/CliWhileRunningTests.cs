using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Cli;

/// `maild user|domain ...` on the data folder of a running server: changes apply at once.
public sealed class CliWhileRunningTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    public override ValueTask InitializeAsync()
    {
        Watch(Server);
        return base.InitializeAsync();
    }

    private async Task<SmtpResponse> RcptAsync(string address)
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);
        await smtp.ExpectAsync("MAIL FROM:<s@remote.test>", 250);
        return await smtp.CommandAsync($"RCPT TO:<{address}>");
    }

    private async Task<string> PopLoginReplyAsync(string user, string password)
    {
        await using var pop = await Pop3Dialog.ConnectAsync(Server.Pop3Port);
        await pop.ExpectOkAsync($"USER {user}");
        var reply = await pop.CommandAsync($"PASS {password}");
        if (reply.StartsWith("+OK", StringComparison.Ordinal))
            await pop.ExpectOkAsync("QUIT");
        return reply;
    }

    [Fact]
    public async Task User_added_while_running_can_receive_at_once()
    {
        var user = UniqueAddress("new");
        Assert.Equal(550, (await RcptAsync(user)).Code);

        var add = await Server.RunCliAsync("user", "add", user, "--password", "pw1");

        Assert.Equal(0, add.ExitCode);
        Assert.Contains($"user {user} added", add.Stdout);
        await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "welcome", "hi"));
        var message = Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, user, "pw1"));
        Assert.Equal("welcome", message.Subject);
    }

    [Fact]
    public async Task User_passwd_makes_the_old_password_fail_and_the_new_one_work()
    {
        var user = UniqueAddress("pw");
        await Server.AddUserAsync(user, "old-password");
        Assert.StartsWith("+OK", await PopLoginReplyAsync(user, "old-password"));

        var passwd = await Server.RunCliAsync("user", "passwd", user, "--password", "new-password");

        Assert.Equal(0, passwd.ExitCode);
        Assert.Equal("-ERR [AUTH] Authentication failed.", await PopLoginReplyAsync(user, "old-password"));
        Assert.StartsWith("+OK", await PopLoginReplyAsync(user, "new-password"));
    }

    [Fact]
    public async Task User_removed_while_running_is_550_at_RCPT()
    {
        var user = UniqueAddress("gone");
        await Server.AddUserAsync(user, "secret");
        Assert.Equal(250, (await RcptAsync(user)).Code);

        var remove = await Server.RunCliAsync("user", "remove", user);

        Assert.Equal(0, remove.ExitCode);
        var reply = await RcptAsync(user);
        Assert.Equal((550, "5.1.1"), (reply.Code, reply.Enhanced));
    }

    [Fact]
    public async Task Domain_added_while_running_is_listed_and_receives_mail()
    {
        var domain = $"d{Guid.NewGuid().ToString("N")[..8]}.test";
        var user = $"someone@{domain}";
        Assert.Equal(554, (await RcptAsync(user)).Code); // not local yet: relaying

        Assert.Equal(0, (await Server.RunCliAsync("domain", "add", domain)).ExitCode);
        var list = await Server.RunCliAsync("domain", "list");
        await Server.AddUserAsync(user, "secret");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains(domain, list.Stdout);
        Assert.Contains(MaildOptions.Domain, list.Stdout); // the configured domain is always there
        var reply = await RcptAsync(user);
        Assert.Equal((250, "2.1.5"), (reply.Code, reply.Enhanced));
    }

    [Fact]
    public async Task User_in_a_missing_domain_is_exit_1_with_a_one_line_explanation()
    {
        var result = await Server.RunCliAsync("user", "add", "bob@missing.test", "--password", "x");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal("maild: domain missing.test does not exist; add it with: maild domain add missing.test", line);
        Assert.Equal(554, (await RcptAsync("bob@missing.test")).Code);
    }
}
