using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// <summary>
/// The sender login check per user and domain, set with `maild user|domain set ...
/// --sender-login-check` while the server runs, seen by an authenticated client from its next
/// session on (the setting is read once per session).
/// </summary>
public sealed class SenderLoginCheckTests : MaildTestBase
{
    private const string Password = "s3cret-pw";

    private static string Plain(string user) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{Password}"));

    private static async Task<int> MailFromAsAsync(MaildServer server, string user, string sender)
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(server.SmtpPort);
        await smtp.ExpectAsync($"AUTH PLAIN {Plain(user)}", 235);
        return (await smtp.CommandAsync($"MAIL FROM:<{sender}>")).Code;
    }

    private static async Task SetAsync(MaildServer server, params string[] args)
    {
        var result = await server.RunCliAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task User_then_domain_then_configuration()
    {
        var server = await StartServerAsync(new MaildOptions { Config = "maild.smtp { plaintext-auth = loopback }\n" });
        var alice = UniqueAddress("alice");
        var bob = UniqueAddress("bob");
        await server.AddUserAsync(alice, Password);
        await server.AddUserAsync(bob, Password);

        // The shipped default: on.
        Assert.Equal(553, await MailFromAsAsync(server, alice, bob));

        await SetAsync(server, "domain", "set", MaildOptions.Domain, "--sender-login-check", "off");
        Assert.Equal(250, await MailFromAsAsync(server, alice, bob));

        await SetAsync(server, "user", "set", alice, "--sender-login-check", "on");
        Assert.Equal(553, await MailFromAsAsync(server, alice, bob));
        Assert.Equal(250, await MailFromAsAsync(server, bob, alice));

        await SetAsync(server, "user", "set", alice, "--sender-login-check", "inherit");
        Assert.Equal(250, await MailFromAsAsync(server, alice, bob));
        await SetAsync(server, "domain", "set", MaildOptions.Domain, "--sender-login-check", "inherit");
        Assert.Equal(553, await MailFromAsAsync(server, alice, bob));
    }
}
