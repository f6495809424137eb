using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// `maild access` rules on a running server: effective at the next RCPT, with Postfix's replies.
public sealed class AccessTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    private async Task Cli(params string[] args)
    {
        var result = await Server.RunCliAsync(["access", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Rules_for_sender_recipient_and_client_apply_at_once_and_go_away_when_removed()
    {
        var user = UniqueAddress("access");
        await Server.AddUserAsync(user, "pw");
        var blockedSender = $"spammer-{Guid.NewGuid():N}@bad.test";
        await Cli("add", "sender", blockedSender, "REJECT", "No spam please");
        await Cli("add", "recipient", user, "DEFER");

        await using (var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort))
        {
            await smtp.ExpectAsync($"MAIL FROM:<{blockedSender}>", 250);
            var reply = await smtp.ExpectAsync($"RCPT TO:<{SharedMaild.User}>", 554, "5.7.1");
            Assert.Equal($"5.7.1 <{blockedSender}>: Sender address rejected: No spam please", reply.Text);
            await smtp.ExpectAsync("RSET", 250);
            await smtp.ExpectAsync("MAIL FROM:<friend@good.test>", 250);
            reply = await smtp.ExpectAsync($"RCPT TO:<{user}>", 450, "4.7.1");
            Assert.Equal($"4.7.1 <{user}>: Recipient address rejected: Access denied", reply.Text);
        }

        await Cli("remove", "sender", blockedSender);
        await Cli("remove", "recipient", user);
        var list = await Server.RunCliAsync("access", "list");
        Assert.DoesNotContain(blockedSender, list.Stdout, StringComparison.Ordinal);
        await using (var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort))
        {
            await smtp.ExpectAsync($"MAIL FROM:<{blockedSender}>", 250);
            await smtp.ExpectAsync($"RCPT TO:<{user}>", 250);
        }
    }

    [Fact]
    public async Task A_bad_pattern_is_exit_1_with_one_line()
    {
        var result = await Server.RunCliAsync("access", "add", "client", "not-an-address", "REJECT");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("maild: 'not-an-address' is not an IP address", result.Stderr, StringComparison.Ordinal);
    }
}

/// A client rule blocks a whole address; on its own server so the other tests are not blocked.
public sealed class ClientAccessTests : MaildTestBase
{
    [Fact]
    public async Task A_rejected_client_network_gets_554_at_every_RCPT()
    {
        var server = await StartServerAsync();
        var result = await server.RunCliAsync("access", "add", "client", "127.0.0.0/8", "reject");
        Assert.True(result.ExitCode == 0, result.ToString());

        await using var smtp = await SmtpDialog.ConnectEhloAsync(server.SmtpPort);
        await smtp.ExpectAsync("MAIL FROM:<a@remote.test>", 250);
        var reply = await smtp.ExpectAsync($"RCPT TO:<postmaster@{MaildOptions.Domain}>", 554, "5.7.1");
        Assert.Equal("5.7.1 <unknown[127.0.0.1]>: Client host rejected: Access denied", reply.Text);
    }
}
