using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Clients;

/// swaks, the admin's SMTP test tool: what an admin types to check a new server.
public sealed class SwaksTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    [Fact]
    public async Task Swaks_delivers_to_a_local_user_with_pipelining()
    {
        Assert.True(ExternalClient.IsInstalled("swaks"), "swaks is required (installed by .ci/run)");
        var user = UniqueAddress("swaks");
        await Server.AddUserAsync(user, "secret");

        var (exit, stdout, stderr) = await ExternalClient.RunAsync("swaks",
            ["--server", $"127.0.0.1:{Server.SmtpPort}", "--from", "admin@remote.test", "--to", user,
             "--helo", "admin.test", "--pipeline", "--header", "Subject: swaks test", "--body", "hello from swaks"], null, Ct);

        Assert.True(exit == 0, stdout + stderr);
        Assert.DoesNotContain("<** ", stdout);
        Assert.Matches(@"<-  250 2\.0\.0 Ok: queued as \S+", stdout);
        var message = Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, user, "secret"));
        Assert.Equal("swaks test", message.Subject);
        Assert.Contains("hello from swaks", message.TextBody);
    }

    [Fact]
    public async Task Swaks_sees_relaying_refused_for_a_remote_domain()
    {
        Assert.True(ExternalClient.IsInstalled("swaks"), "swaks is required (installed by .ci/run)");

        var (exit, stdout, _) = await ExternalClient.RunAsync("swaks",
            ["--server", $"127.0.0.1:{Server.SmtpPort}", "--from", "a@remote.test", "--to", "b@elsewhere.test", "--helo", "admin.test"], null, Ct);

        Assert.NotEqual(0, exit);
        Assert.Contains("<** 554 5.7.1 <b@elsewhere.test>: Relay access denied", stdout);
    }
}
