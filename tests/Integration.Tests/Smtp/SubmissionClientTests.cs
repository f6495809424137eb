using Mail.Integration.Tests.Clients;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// <summary>
/// A user's mail program on the submission port (587): STARTTLS, then AUTH, then mail as
/// itself, with Python's smtplib and with swaks, as the shipped defaults require (AUTH only
/// over TLS, AUTH before MAIL).
/// </summary>
public sealed class SubmissionClientTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    public override ValueTask InitializeAsync()
    {
        Watch(Server);
        return base.InitializeAsync();
    }

    [Fact]
    public async Task Python_smtplib_starttls_login_and_send_on_submission()
    {
        Assert.True(ExternalClient.IsInstalled("python3"), "python3 is required (installed by .ci/run)");
        var user = UniqueAddress("pysub");
        await Server.AddUserAsync(user, "secret");
        const string script = """
            import smtplib, ssl, sys
            s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]))
            s.ehlo("laptop.test")
            print("auth before tls", s.has_extn("auth"))
            s.starttls(context=ssl._create_unverified_context())
            s.ehlo("laptop.test")
            print("auth after tls", s.has_extn("auth"))
            try:
                s.sendmail(sys.argv[2], [sys.argv[2]], "Subject: x\r\n\r\nx\r\n")
            except smtplib.SMTPSenderRefused as e:
                print("unauthenticated", e.smtp_code)
            print("login", s.login(sys.argv[2], "secret")[0])
            print("refused", s.sendmail(sys.argv[2], [sys.argv[2]], "Subject: python submission\r\n\r\nhello\r\n"))
            s.quit()
            """;

        var (exit, stdout, stderr) = await ExternalClient.RunAsync("python3", ["-c", script, Server.SubmissionPort.ToString(), user], null, Ct);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal(["auth before tls False", "auth after tls True", "unauthenticated 530", "login 235", "refused {}"],
            stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var message = Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, user, "secret"));
        Assert.Equal("python submission", message.Subject);
        // Submission cleanup added what the script left out.
        Assert.False(string.IsNullOrEmpty(message.MessageId));
    }

    [Fact]
    public async Task Swaks_starttls_and_auth_on_submission()
    {
        Assert.True(ExternalClient.IsInstalled("swaks"), "swaks is required (installed by .ci/run)");
        var user = UniqueAddress("swakssub");
        await Server.AddUserAsync(user, "secret");

        var (exit, stdout, stderr) = await ExternalClient.RunAsync("swaks",
            ["--server", $"127.0.0.1:{Server.SubmissionPort}", "--tls", "--auth", "PLAIN", "--auth-user", user, "--auth-password", "secret",
             "--from", user, "--to", user, "--helo", "laptop.test", "--header", "Subject: swaks submission", "--body", "hello"], null, Ct);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("=== TLS started", stdout);
        Assert.Contains("235 2.7.0 Authentication successful", stdout);
        Assert.Equal("swaks submission", Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, user, "secret")).Subject);
    }
}
