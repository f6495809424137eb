using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Cli;

/// `maild user set` and `maild domain set`: what the admin is told, and what is refused.
public sealed class SenderLoginCheckCliTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    public override ValueTask InitializeAsync()
    {
        Watch(Server);
        return base.InitializeAsync();
    }

    [Fact]
    public async Task Set_says_what_it_did_and_refuses_unknown_names_and_values()
    {
        var user = UniqueAddress("cli");
        await Server.AddUserAsync(user, "pw");

        var ok = await Server.RunCliAsync("user", "set", user.ToUpperInvariant(), "--sender-login-check", "off");
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal($"sender login check of {user}: off", ok.Stdout.Trim());

        var domain = await Server.RunCliAsync("domain", "set", MaildOptions.Domain, "--sender-login-check", "inherit");
        Assert.Equal(0, domain.ExitCode);

        var unknownUser = await Server.RunCliAsync("user", "set", "nobody@" + MaildOptions.Domain, "--sender-login-check", "on");
        Assert.Equal(1, unknownUser.ExitCode);
        Assert.Contains("does not exist", unknownUser.Stderr);

        var unknownDomain = await Server.RunCliAsync("domain", "set", "nowhere.test", "--sender-login-check", "on");
        Assert.Equal(1, unknownDomain.ExitCode);
        Assert.Contains("does not exist", unknownDomain.Stderr);

        var badValue = await Server.RunCliAsync("user", "set", user, "--sender-login-check", "maybe");
        Assert.NotEqual(0, badValue.ExitCode);
        var missing = await Server.RunCliAsync("user", "set", user);
        Assert.NotEqual(0, missing.ExitCode);
    }
}
