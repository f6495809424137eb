using Mail.Actors.Metrics;
using Mail.Host.Management;
using Xunit;

namespace Mail.Host.Tests.Management;

/// What the inspection verbs print for people.
public sealed class InspectTextTests
{
    private const string A = "akka.tcp://maild@127.0.0.1:4053";
    private const string B = "akka.tcp://maild@127.0.0.1:4054";
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Cluster_marks_self_leader_and_unreachable()
    {
        var view = new ClusterView(A, A, [new MemberView(A, "Up", ["mail"], true), new MemberView(B, "Up", ["mail"], false)], [B]);

        var text = InspectText.Cluster(view);

        Assert.Contains($"leader:      {A}\n", text);
        Assert.Contains($"unreachable: {B}\n", text);
        var lineA = Assert.Single(text.Split('\n'), l => l.Contains(A) && l.Contains("Up"));
        Assert.Contains("self leader", lineA);
        var lineB = Assert.Single(text.Split('\n'), l => l.Contains(B) && l.Contains("Up"));
        Assert.Contains("NO", lineB);
    }

    [Fact]
    public void Cluster_without_leader_says_so()
    {
        Assert.Contains("leader:      (none)\n", InspectText.Cluster(new ClusterView(A, null, [], [])));
    }

    [Fact]
    public void Sessions_show_user_state_and_age_and_client_text_is_not_markup()
    {
        var view = new SessionsView(Now,
        [
            new SessionInfo("imap", "127.0.0.1:5000", "127.0.0.1:143", "[bob]@example.test", "Selected (INBOX)", true, Now.AddSeconds(-75)),
            new SessionInfo("smtp", "127.0.0.1:5001", "127.0.0.1:25", null, "Connected", false, Now.AddSeconds(-3)),
        ]);

        var text = InspectText.Sessions(view);

        var imap = Assert.Single(text.Split('\n'), l => l.Contains("imap"));
        Assert.Contains("[bob]@example.test", imap);
        Assert.Contains("Selected (INBOX)", imap);
        Assert.Contains("1m15s", imap);
        var smtp = Assert.Single(text.Split('\n'), l => l.Contains("smtp"));
        Assert.Contains(" - ", smtp);
        Assert.EndsWith("2 sessions\n", text);
        Assert.Equal("no open sessions\n", InspectText.Sessions(new SessionsView(Now, [])));
    }

    [Fact]
    public void Actors_are_an_indented_tree_with_types()
    {
        var tree = new ActorTree(
        [
            new ActorView("/user", 0, "Akka.Actor.GuardianActor", 1),
            new ActorView("/user/listeners", 1, "Mail.Host.Network.ListenersActor", 1),
            new ActorView("/user/listeners/smtp-127.0.0.1-25", 2, null, 0),
        ], Truncated: true);

        var text = InspectText.Actors(tree);

        Assert.StartsWith("/user  [Akka.Actor.GuardianActor]\n  listeners  [Mail.Host.Network.ListenersActor]\n    smtp-127.0.0.1-25\n", text);
        Assert.Contains("stopped after 3 actors", text);
    }

    [Fact]
    public void Mailbox_shows_node_quota_and_folders()
    {
        var view = new MailboxView("bob@example.test", "51", A,
            [new FolderView("INBOX", null, 3, 1, 3000), new FolderView("Sent", "\\Sent", 1, 0, 1000)], 4000, 8000);

        var text = InspectText.Mailbox(view);

        Assert.Contains($"node:    {A} (shard 51)\n", text);
        Assert.Contains("storage: 4000 of 8000 bytes (50%)\n", text);
        Assert.Contains("Sent (\\Sent)", text);
        Assert.EndsWith("4 messages in 2 folders\n", text);
    }

    [Fact]
    public void Stats_list_every_counter_with_its_rates()
    {
        var text = InspectText.Stats(new StatsView(Now.AddMinutes(-2), Now, [new CounterView("accepted", 120, 1, 1.5)]));

        Assert.StartsWith("since 2026-01-01 11:58:00 UTC (2m00s ago)\n", text);
        var line = Assert.Single(text.Split('\n'), l => l.Contains("accepted"));
        Assert.Matches(@"accepted\s*\S\s*120\s*\S\s*1\s*\S\s*1\.5", line);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(61, "1m01s")]
    [InlineData(3600 * 2 + 60 * 7, "2h07m")]
    [InlineData(86400 * 3 + 3600 * 4, "3d04h")]
    [InlineData(-5, "0s")]
    public void Ages_are_short(int seconds, string expected) =>
        Assert.Equal(expected, InspectText.Age(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Cluster_commands_name_each_address()
    {
        Assert.Equal($"down: {A}\ndown: {B}\n", InspectText.ClusterDone(new ClusterCommandDone("down", [A, B])));
        Assert.Equal("down-unreachable: no member\n", InspectText.ClusterDone(new ClusterCommandDone("down-unreachable", [])));
    }
}
