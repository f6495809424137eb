using Mail.Integration.Tests.Clients;
using Mail.Integration.Tests.Harness;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Mail.Integration.Tests.Smtp;

/// <summary>
/// SMTP AUTH with real clients. This server allows plaintext AUTH from loopback (the shipped
/// default is TLS only), so the clients can log in without STARTTLS.
/// </summary>
public sealed class AuthTests : MaildTestBase
{
    private const string Password = "s3cret-Passw0rd";

    private async Task<(MaildServer Server, string User)> StartAsync()
    {
        var server = await StartServerAsync(new MaildOptions
        {
            Config = "maild.smtp { plaintext-auth = loopback, auth-failure-delay = 100ms }\n",
        });
        var user = UniqueAddress("auth");
        await server.AddUserAsync(user, Password);
        return (server, user);
    }

    [Fact]
    public async Task MailKit_logs_in_relays_and_the_password_never_reaches_the_log()
    {
        var (server, user) = await StartAsync();
        using var client = await MailKitClients.ConnectSmtpAsync(server.SmtpPort, Ct);
        Assert.Contains("PLAIN", client.AuthenticationMechanisms);
        Assert.Contains("LOGIN", client.AuthenticationMechanisms);

        await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync(user, "wrong", Ct));
        await client.AuthenticateAsync(user, Password, Ct);
        await client.SendAsync(MailKitClients.NewMessage(user, user, "authenticated", "to myself"), Ct);
        await client.DisconnectAsync(quit: true, Ct);

        Assert.Single(await MailKitClients.FetchAllAsync(server.Pop3Port, user, Password));
        // Relaying is allowed once authenticated (not from mynetworks: the harness trusts nobody).
        await using var smtp = await SmtpDialog.ConnectEhloAsync(server.SmtpPort);
        await smtp.ExpectAsync($"AUTH PLAIN {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"\0{user}\0{Password}"))}", 235, "2.7.0");
        await smtp.ExpectAsync($"MAIL FROM:<{user}>", 250);
        await smtp.ExpectAsync("RCPT TO:<someone@elsewhere.test>", 250);
        await smtp.ExpectAsync("MAIL FROM:<x@y.test>", 503);

        await Task.Delay(500, Ct); // the log is buffered
        Assert.Contains($"sasl_username={user}", server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Password)), server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swaks_and_python_log_in_with_login_and_plain()
    {
        var (server, user) = await StartAsync();
        foreach (var mechanism in new[] { "LOGIN", "PLAIN" })
        {
            var (exit, stdout, stderr) = await ExternalClient.RunAsync("swaks",
                ["--server", $"127.0.0.1:{server.SmtpPort}", "--from", user, "--to", user, "--helo", "admin.test",
                 "--auth", mechanism, "--auth-user", user, "--auth-password", Password], null, Ct);
            Assert.True(exit == 0, stdout + stderr);
            Assert.Contains("235 2.7.0 Authentication successful", stdout, StringComparison.Ordinal);
        }

        var script = $$"""
            import smtplib
            s = smtplib.SMTP("127.0.0.1", {{server.SmtpPort}})
            s.ehlo("py.test")
            try:
                s.login("{{user}}", "nope")
                raise SystemExit("wrong password accepted")
            except smtplib.SMTPAuthenticationError as e:
                assert e.smtp_code == 535, e
            s.login("{{user}}", "{{Password}}")
            s.sendmail("{{user}}", ["{{user}}"], "Subject: py\r\n\r\nfrom python\r\n")
            s.quit()
            """;
        var (code, output, errors) = await ExternalClient.RunAsync("python3", ["-c", script], null, Ct);
        Assert.True(code == 0, output + errors);
        Assert.Equal(3, (await MailKitClients.FetchAllAsync(server.Pop3Port, user, Password)).Count);
    }

    [Fact]
    public async Task Shipped_default_refuses_AUTH_without_TLS()
    {
        var server = await StartServerAsync();
        await using var smtp = await SmtpDialog.ConnectEhloAsync(server.SmtpPort);
        await smtp.ExpectAsync("AUTH LOGIN", 538, "5.7.11");
    }
}
