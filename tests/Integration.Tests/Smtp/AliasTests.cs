using System.Text.Json;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// <summary>One maild for the alias tests; its DNS server is a loopback port nobody answers on,
/// so relayed mail stays deferred in the queue where a test can look at it.</summary>
public sealed class AliasMaild : IAsyncLifetime
{
    public MaildServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Server = await MaildServer.StartAsync(new MaildOptions
        {
            Config = $"maild.delivery {{ dns-servers = [\"127.0.0.1:{FreePort.Next()}\"], dns-timeout = 2s }}\n",
        });

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// Aliases, catch-alls, alias domains and postmaster@, set up with the CLI while the server runs.
public sealed class AliasTests(AliasMaild shared) : MaildTestBase, IClassFixture<AliasMaild>
{
    private MaildServer Server => shared.Server;

    public override ValueTask InitializeAsync()
    {
        Watch(Server);
        return base.InitializeAsync();
    }

    private async Task CliAsync(params string[] args)
    {
        var result = await Server.RunCliAsync(args);
        Assert.True(result.ExitCode == 0, $"maild {string.Join(' ', args)}: {result}");
    }

    private async Task<SmtpResponse> RcptAsync(string address)
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);
        await smtp.ExpectAsync("MAIL FROM:<s@remote.test>", 250);
        return await smtp.CommandAsync($"RCPT TO:<{address}>");
    }

    private Task SendAsync(string to, string subject) =>
        MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", to, subject, "hello"));

    private static string NewDomain() => $"d{Guid.NewGuid().ToString("N")[..8]}.test";

    [Fact]
    public async Task An_alias_to_two_users_gives_each_mailbox_one_copy()
    {
        var (alice, bob, team) = (UniqueAddress("alice"), UniqueAddress("bob"), UniqueAddress("team"));
        await Server.AddUserAsync(alice, "pw");
        await Server.AddUserAsync(bob, "pw");
        await CliAsync("alias", "add", team, alice, bob);

        await SendAsync(team, "to the team");

        Assert.Equal("to the team", Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, alice, "pw")).Subject);
        Assert.Equal("to the team", Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, bob, "pw")).Subject);
    }

    [Fact]
    public async Task An_alias_added_and_removed_while_running_applies_at_the_next_rcpt()
    {
        var (user, alias) = (UniqueAddress("u"), UniqueAddress("new-alias"));
        await Server.AddUserAsync(user, "pw");
        Assert.Equal((550, "5.1.1"), ((await RcptAsync(alias)).Code, (await RcptAsync(alias)).Enhanced));

        await CliAsync("alias", "add", alias, user);
        Assert.Equal(250, (await RcptAsync(alias)).Code);
        var list = await Server.RunCliAsync("alias", "list", MaildOptions.Domain);
        Assert.Contains(list.Stdout.Split('\n'), l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var s, var d] && s == alias && d == user);

        await CliAsync("alias", "remove", alias);
        Assert.Equal(550, (await RcptAsync(alias)).Code);
    }

    [Fact]
    public async Task A_catch_all_takes_every_unknown_address_of_its_domain()
    {
        var domain = NewDomain();
        var (owner, other) = ($"owner@{domain}", $"other@{domain}");
        await CliAsync("domain", "add", domain);
        await Server.AddUserAsync(owner, "pw");
        await Server.AddUserAsync(other, "pw");
        await CliAsync("alias", "add", "@" + domain, owner);

        await SendAsync($"whatever@{domain}", "caught");
        await SendAsync(other, "direct");

        Assert.Equal("caught", Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, owner, "pw")).Subject);
        Assert.Equal("direct", Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, other, "pw")).Subject);
    }

    [Fact]
    public async Task An_alias_domain_delivers_to_the_same_user_of_its_target()
    {
        var aliasDomain = NewDomain();
        var user = UniqueAddress("carol");
        await Server.AddUserAsync(user, "pw");
        await CliAsync("domain", "add", aliasDomain, "--alias-of", MaildOptions.Domain);

        await SendAsync(user.Replace(MaildOptions.Domain, aliasDomain, StringComparison.Ordinal), "via the alias domain");

        Assert.Equal("via the alias domain", Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, user, "pw")).Subject);
        Assert.Equal(550, (await RcptAsync($"nobody-{Guid.NewGuid():N}@{aliasDomain}")).Code);
        var domains = await Server.RunCliAsync("domain", "list");
        Assert.Contains(domains.Stdout.Split('\n'), l => l.Contains(aliasDomain, StringComparison.Ordinal) && l.Contains(MaildOptions.Domain, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Postmaster_is_accepted_for_every_domain_and_kept_until_its_user_exists()
    {
        var domain = NewDomain();
        await CliAsync("domain", "add", domain);
        foreach (var rcpt in new[] { $"postmaster@{domain}", $"abuse@{domain}", "Postmaster@" + MaildOptions.Domain, "postmaster@" + MaildOptions.Hostname })
            Assert.Equal((250, "2.1.5"), ((await RcptAsync(rcpt)).Code, (await RcptAsync(rcpt)).Enhanced));
        await using (var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort))
        {
            await smtp.ExpectAsync("MAIL FROM:<s@remote.test>", 250);
            await smtp.ExpectAsync("RCPT TO:<postmaster>", 250, "2.1.5");
        }

        await SendAsync($"abuse@{domain}", "spam report");
        await Server.AddUserAsync("postmaster@" + MaildOptions.Domain, "pm");

        var message = Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, "postmaster@" + MaildOptions.Domain, "pm"));
        Assert.Equal("spam report", message.Subject);
    }

    [Fact]
    public async Task A_remote_alias_member_is_queued_for_its_domain_though_plain_relaying_is_refused()
    {
        var alias = UniqueAddress("fwd");
        var remote = $"far-{Guid.NewGuid():N}@remote.test";
        Assert.Equal(554, (await RcptAsync(remote)).Code); // the harness trusts no network
        await CliAsync("alias", "add", alias, remote);

        await SendAsync(alias, "forwarded");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var list = await Server.RunCliAsync("queue", "list", "--json");
            Assert.True(list.ExitCode == 0, list.ToString());
            using var json = JsonDocument.Parse(list.Stdout);
            var queued = json.RootElement.GetProperty("messages").EnumerateArray()
                .FirstOrDefault(m => m.GetProperty("recipients").EnumerateArray().Any(r => r.GetProperty("address").GetString() == remote));
            if (queued.ValueKind == JsonValueKind.Object)
            {
                Assert.Equal("smtp:remote.test", queued.GetProperty("hop").GetString());
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, $"never queued: {list.Stdout}");
            await Task.Delay(300, Ct);
        }
    }

    [Fact]
    public async Task Cli_refusals_are_exit_1_with_one_line()
    {
        var missing = await Server.RunCliAsync("alias", "add", "x@missing.test", UniqueAddress("y"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("maild: domain missing.test does not exist; add it with: maild domain add missing.test",
            Assert.Single(missing.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

        var nowhere = UniqueAddress("nobody");
        var dangling = await Server.RunCliAsync("alias", "add", UniqueAddress("a"), nowhere);
        Assert.Equal(1, dangling.ExitCode);
        Assert.Contains($"destination {nowhere} is not a user or alias here", dangling.Stderr, StringComparison.Ordinal);

        var unknown = await Server.RunCliAsync("alias", "remove", UniqueAddress("never"));
        Assert.Equal(1, unknown.ExitCode);

        var usage = await Server.RunCliAsync("alias", "add", UniqueAddress("a"));
        Assert.NotEqual(0, usage.ExitCode); // a destination is required
    }
}
