using System.Globalization;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Load;

/// <summary>
/// `maild source` against a real maild: what it reports as delivered is what a POP3 client
/// then finds in the mailboxes (MailKit), over plain SMTP, -N recipients, STARTTLS with AUTH
/// on the submission port, and its own POP3 reader mode.
/// </summary>
public sealed class SourceMaildTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    public override ValueTask InitializeAsync()
    {
        Watch(Server);
        return base.InitializeAsync();
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private async Task<int> CountAsync(string user, string password)
    {
        using var pop = await MailKitClients.ConnectPop3Async(Server.Pop3Port, user, password);
        var count = pop.Count;
        await pop.DisconnectAsync(quit: true, Ct);
        return count;
    }

    [Fact]
    public async Task Four_sessions_deliver_two_hundred_messages_into_the_mailbox()
    {
        var user = UniqueAddress("load");
        await Server.AddUserAsync(user, "secret");

        var (result, json) = await SourceCli.RunJsonAsync("-s", "4", "-m", "200", "-l", "1024", "-M", "client.example.test",
            "-f", "sender@remote.test", "-t", user, $"127.0.0.1:{Server.SmtpPort}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal((200L, 200L), (json.GetProperty("succeeded").GetInt64(), json.Reply("250")));
        Assert.Equal(200, json.GetProperty("latency_ms").GetProperty("count").GetInt32());
        Assert.True(json.GetProperty("latency_ms").GetProperty("p99").GetDouble() >= json.GetProperty("latency_ms").GetProperty("p50").GetDouble());
        Assert.Equal(200, await CountAsync(user, "secret"));
        var first = Assert.Single(await FetchFirstAsync(user));
        Assert.Equal(1024, first.TextBody!.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Length);
    }

    private async Task<IReadOnlyList<MimeKit.MimeMessage>> FetchFirstAsync(string user)
    {
        using var pop = await MailKitClients.ConnectPop3Async(Server.Pop3Port, user, "secret");
        var message = await pop.GetMessageAsync(0, Ct);
        await pop.DisconnectAsync(quit: true, Ct);
        return [message];
    }

    [Fact]
    public async Task Dash_N_sends_each_recipient_a_number_of_its_own()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var users = Enumerable.Range(1, 6).Select(i => $"{i}n{tag}@{MaildOptions.Domain}").ToList();
        foreach (var u in users)
            await Server.AddUserAsync(u, "secret");

        var (result, json) = await SourceCli.RunJsonAsync("-d", "-N", "-r", "2", "-s", "2", "-m", "3", "-f", "sender@remote.test",
            "-t", $"n{tag}@{MaildOptions.Domain}", "-S", "numbered", $"127.0.0.1:{Server.SmtpPort}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, json.Reply("250"));
        foreach (var u in users)
            Assert.Equal(1, await CountAsync(u, "secret"));
    }

    [Fact]
    public async Task Starttls_with_auth_plain_on_the_submission_port()
    {
        var user = UniqueAddress("tls");
        await Server.AddUserAsync(user, "secret");

        var (result, json) = await SourceCli.RunJsonAsync("--tls", "--insecure", "--auth", $"{user}:secret", "-d", "-s", "2", "-m", "20",
            "-f", user, "-t", user, "-M", "client.example.test", "--port", Port(Server.SubmissionPort));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(20, json.Reply("250"));
        Assert.Equal(20, await CountAsync(user, "secret"));
        var received = (await FetchFirstAsync(user))[0].Headers[MimeKit.HeaderId.Received];
        Assert.Contains("ESMTPS", received);
    }

    [Fact]
    public async Task The_self_signed_certificate_is_refused_without_insecure()
    {
        var (result, json) = await SourceCli.RunJsonAsync("--implicit-tls", "-m", "2", "--port", Port(Server.SmtpsPort));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(2, json.GetProperty("connection_errors").GetInt64());
        Assert.Contains("Authentication", json.GetProperty("first_connection_error").GetString());
    }

    [Fact]
    public async Task A_wrong_password_is_counted_by_its_reply_code()
    {
        var user = UniqueAddress("badauth");
        await Server.AddUserAsync(user, "secret");

        var (result, json) = await SourceCli.RunJsonAsync("--tls", "--insecure", "--auth", $"{user}:wrong", "-m", "1",
            "-f", user, "-t", user, "--port", Port(Server.SubmissionPort));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(1, json.Reply("535"));
    }

    [Fact]
    public async Task Pop3_mode_reads_and_deletes_every_message_of_every_user()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var users = Enumerable.Range(1, 3).Select(i => $"p{tag}-{i}@{MaildOptions.Domain}").ToList();
        foreach (var u in users)
        {
            await Server.AddUserAsync(u, "pw");
            var send = await SourceCli.RunAsync("-d", "-m", "5", "-l", "2000", "-f", "sender@remote.test", "-t", u, $"127.0.0.1:{Server.SmtpPort}");
            Assert.True(send.ExitCode == 0, send.ToString());
        }

        string[] read = ["--pop3", "--users", $"p{tag}-%d@{MaildOptions.Domain}:pw", "-N", "3", "-s", "3", "--port", Port(Server.Pop3Port)];
        var (result, json) = await SourceCli.RunJsonAsync(read);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(("pop3", 3L, 15L), (json.GetProperty("mode").GetString(), json.Reply("+OK"), json.GetProperty("fetched_messages").GetInt64()));
        Assert.True(json.GetProperty("fetched_bytes").GetInt64() > 15 * 2000);
        Assert.All(users, u => Assert.Equal(5, CountAsync(u, "pw").GetAwaiter().GetResult()));

        var (deleted, deletedJson) = await SourceCli.RunJsonAsync([.. read, "--delete"]);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal(15, deletedJson.GetProperty("fetched_messages").GetInt64());
        foreach (var u in users)
            Assert.Equal(0, await CountAsync(u, "pw"));
    }

    [Fact]
    public async Task Pop3_mode_counts_a_refused_login()
    {
        var user = UniqueAddress("popbad");
        await Server.AddUserAsync(user, "pw");

        var (result, json) = await SourceCli.RunJsonAsync("--pop3", "--users", $"{user}:nope", "--port", Port(Server.Pop3Port));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(1, json.Reply("-ERR"));
    }
}
