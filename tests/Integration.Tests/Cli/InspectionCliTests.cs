using System.Text.Json;
using Mail.Integration.Tests.Harness;
using Xunit;

namespace Mail.Integration.Tests.Cli;

/// `maild cluster show|leave|tail`, `maild actors`, `maild shards`, `maild sessions` and
/// `maild mailbox show` against a running single-node maild (its own one-member cluster).
public sealed class InspectionCliTests(InspectionMaild shared) : MaildTestBase, IClassFixture<InspectionMaild>
{
    private MaildServer Server => shared.Server;

    public override ValueTask InitializeAsync()
    {
        Watch(Server);
        return base.InitializeAsync();
    }

    private async Task<JsonElement> JsonAsync(params string[] args)
    {
        var result = await Server.RunCliAsync([.. args, "--json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private async Task<string> TextAsync(params string[] args)
    {
        var result = await Server.RunCliAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    [Fact]
    public async Task Cluster_show_has_one_Up_member_that_is_leader_and_self()
    {
        var cluster = await JsonAsync("cluster", "show");
        var text = await TextAsync("cluster", "show");

        var self = cluster.GetProperty("self").GetString()!;
        var member = Assert.Single(cluster.GetProperty("members").EnumerateArray());
        Assert.Equal(self, member.GetProperty("address").GetString());
        Assert.Equal("Up", member.GetProperty("status").GetString());
        Assert.Contains("mail", member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(self, cluster.GetProperty("leader").GetString());
        Assert.Empty(cluster.GetProperty("unreachable").EnumerateArray());
        Assert.Contains($"leader:      {self}", text);
        Assert.Contains("self leader", Assert.Single(text.Split('\n'), l => l.Contains(self) && l.Contains("Up")));
    }

    [Fact]
    public async Task Cluster_leave_of_an_address_that_is_no_member_is_exit_1()
    {
        var result = await Server.RunCliAsync("cluster", "leave", "akka.tcp://maild@127.0.0.1:1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("maild: akka.tcp://maild@127.0.0.1:1 is no member of this cluster", result.Stderr.Trim());
    }

    [Fact]
    public async Task Cluster_tail_streams_the_current_members_until_stopped()
    {
        var self = (await JsonAsync("cluster", "show")).GetProperty("self").GetString()!;
        var psi = MaildBinary.StartInfo(Server.Environment, ["cluster", "tail", "--json", "--config", Server.ConfigPath], Server.Root);
        using var tail = System.Diagnostics.Process.Start(psi)!;
        try
        {
            var line = await tail.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);

            Assert.NotNull(line);
            var e = JsonDocument.Parse(line).RootElement;
            Assert.Equal("MemberUp", e.GetProperty("event").GetString());
            Assert.Equal(self, e.GetProperty("address").GetString());
            Assert.False(tail.HasExited); // it keeps streaming
        }
        finally
        {
            tail.Kill();
            await tail.WaitForExitAsync(Ct);
        }
    }

    [Fact]
    public async Task A_finished_tail_leaves_no_subscriber_behind()
    {
        var psi = MaildBinary.StartInfo(Server.Environment, ["cluster", "tail", "--config", Server.ConfigPath], Server.Root);
        using (var tail = System.Diagnostics.Process.Start(psi)!)
        {
            Assert.NotNull(await tail.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct));
            Assert.Contains("TailSubscriber", await TextAsync("actors", "--path", "/user", "--depth", "1"));
            tail.Kill();
            await tail.WaitForExitAsync(Ct);
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && (await TextAsync("actors", "--path", "/user", "--depth", "1")).Contains("TailSubscriber"))
            await Task.Delay(200, Ct);
        Assert.DoesNotContain("TailSubscriber", await TextAsync("actors", "--path", "/user", "--depth", "1"));
    }

    [Fact]
    public async Task Actors_show_the_listeners_and_a_live_session()
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);

        var text = await TextAsync("actors", "--path", "/user/listeners", "--depth", "2");
        var tree = await JsonAsync("actors", "--path", "/user", "--depth", "1");

        Assert.StartsWith("/user/listeners  [Mail.Host.Network.ListenersActor]\n", text);
        Assert.Contains($"  smtp-127.0.0.1-{Server.SmtpPort}  [Mail.Host.Network.ListenerActor]\n", text);
        Assert.Matches(@"\n    c\d+  \[Mail\.Actors\.Smtp\.SmtpSession\]\n", text);
        var paths = tree.GetProperty("actors").EnumerateArray().Select(a => a.GetProperty("path").GetString()).ToArray();
        Assert.Contains("/user/listeners", paths);
        Assert.Contains("/user/queue", paths);
        Assert.DoesNotContain(paths, p => p!.StartsWith("/user/listeners/", StringComparison.Ordinal)); // depth 1
    }

    [Fact]
    public async Task Actors_of_a_missing_path_is_exit_1()
    {
        var result = await Server.RunCliAsync("actors", "--path", "/user/nothing-here");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no actor at /user/nothing-here", result.Stderr);
    }

    [Fact]
    public async Task Sessions_list_an_open_smtp_and_a_logged_in_imap_session()
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);
        await smtp.ExpectAsync("MAIL FROM:<s@remote.test>", 250);
        await using var imap = await ImapDialog.LoginAsync(Server.ImapPort, InspectionMaild.User, InspectionMaild.Password);
        await using var pop3 = await Pop3Dialog.LoginAsync(Server.Pop3Port, InspectionMaild.User, InspectionMaild.Password);

        var sessions = (await JsonAsync("sessions")).GetProperty("sessions").EnumerateArray().ToArray();
        var text = await TextAsync("sessions");

        var smtpSession = Assert.Single(sessions, s => s.GetProperty("protocol").GetString() == "smtp" && s.GetProperty("state").GetString() == "MailGiven");
        Assert.Equal(JsonValueKind.Null, smtpSession.GetProperty("user").ValueKind);
        Assert.StartsWith("127.0.0.1:", smtpSession.GetProperty("client").GetString());
        var imapSession = Assert.Single(sessions, s => s.GetProperty("protocol").GetString() == "imap");
        Assert.Equal(InspectionMaild.User, imapSession.GetProperty("user").GetString());
        Assert.Equal("Authenticated", imapSession.GetProperty("state").GetString());
        var popSession = Assert.Single(sessions, s => s.GetProperty("protocol").GetString() == "pop3");
        Assert.Equal((InspectionMaild.User, "Transaction"), (popSession.GetProperty("user").GetString(), popSession.GetProperty("state").GetString()));
        Assert.Contains(InspectionMaild.User, Assert.Single(text.Split('\n'), l => l.Contains("imap")));
    }

    [Fact]
    public async Task Mailbox_show_lists_the_default_folders_and_the_node()
    {
        var self = (await JsonAsync("cluster", "show")).GetProperty("self").GetString();

        var mailbox = await JsonAsync("mailbox", "show", InspectionMaild.User);
        var shards = await JsonAsync("shards");

        var folders = mailbox.GetProperty("folders").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToArray();
        Assert.Equal(["Archive", "Drafts", "INBOX", "Junk", "Sent", "Trash"], folders.Order(StringComparer.Ordinal));
        Assert.Equal(self, mailbox.GetProperty("node").GetString());
        var region = Assert.Single(shards.GetProperty("regions").EnumerateArray(), r => r.GetProperty("region").GetString() == "mailbox");
        Assert.Equal(self, region.GetProperty("node").GetString());
        Assert.Contains(region.GetProperty("shards").EnumerateArray(), s => s.GetProperty("id").GetString() == mailbox.GetProperty("shard").GetString());
    }

    [Fact]
    public async Task Mailbox_show_of_an_unknown_user_is_exit_1()
    {
        var result = await Server.RunCliAsync("mailbox", "show", "nobody@" + MaildOptions.Domain);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"maild: no mailbox for nobody@{MaildOptions.Domain}", result.Stderr.Trim());
    }
}
