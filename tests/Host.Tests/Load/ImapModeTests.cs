using Mail.Host.Load;
using Xunit;

namespace Mail.Host.Tests.Load;

/// The IMAP reader mode against <see cref="ScriptedImapServer"/> over real loopback sockets.
public sealed class ImapModeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, (string, List<string>)> Mailboxes() => new()
    {
        ["u1@example.test"] = ("pw1", ["Subject: one\r\n\r\nfirst body\r\n", "Subject: two\r\n\r\n{5}\r\nbraces in the body\r\n"]),
        ["u2@example.test"] = ("pw2", ["Subject: three\r\n\r\n" + new string('x', 70_000) + "\r\n"]),
    };

    private static SourceOptions Options(int port, params LoadUser[] users) => new()
    {
        Mode = LoadMode.Imap,
        Port = port,
        Sessions = 2,
        Messages = users.Length,
        Users = users,
        Timeout = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public async Task Every_user_is_visited_and_every_literal_counted()
    {
        var mailboxes = Mailboxes();
        var expectedBytes = mailboxes.Values.SelectMany(m => m.Item2).Sum(m => (long)m.Length);
        await using var server = new ScriptedImapServer(mailboxes);
        var report = await LoadRunner.RunAsync(Options(server.Port, new("u1@example.test", "pw1"), new("u2@example.test", "pw2")), null, Ct);

        Assert.True(report.AllSucceeded, ReportFormatter.Text(report));
        Assert.Equal((2, 3L, expectedBytes), (report.Operations, report.FetchedMessages, report.FetchedBytes));
        Assert.Equal(2, report.Replies["OK"]);
        Assert.Equal(2, report.Latency.Count);
        Assert.Contains(server.Commands, c => c == "a1 LOGIN \"u1@example.test\" \"pw1\"");
        Assert.Equal(2, server.Commands.Count(c => c == "a3 UID FETCH 1:* BODY.PEEK[]"));
        Assert.Equal(2, server.MessagesOf("u1@example.test"));
    }

    [Fact]
    public async Task A_refused_login_is_counted_as_NO_and_fails_the_run()
    {
        await using var server = new ScriptedImapServer(Mailboxes());
        var report = await LoadRunner.RunAsync(Options(server.Port, new("u1@example.test", "pw1"), new("u2@example.test", "wrong")), null, Ct);

        Assert.False(report.AllSucceeded);
        Assert.Equal((1L, 1L), (report.Replies["OK"], report.Replies["NO"]));
        Assert.Equal(2, report.FetchedMessages);
    }

    [Fact]
    public async Task Delete_marks_and_expunges_so_a_second_visit_finds_nothing()
    {
        await using var server = new ScriptedImapServer(Mailboxes());
        var user = new LoadUser("u1@example.test", "pw1");
        var report = await LoadRunner.RunAsync(Options(server.Port, user) with { Delete = true, Sessions = 1, Messages = 2 }, null, Ct);

        Assert.True(report.AllSucceeded, ReportFormatter.Text(report));
        Assert.Equal(2, report.FetchedMessages);
        Assert.Equal(0, server.MessagesOf("u1@example.test"));
        Assert.Single(server.Commands, c => c == "a3 UID FETCH 1:* BODY.PEEK[]");
        Assert.Single(server.Commands, c => c == "a5 EXPUNGE");
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_a_connection_error_per_visit()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var closed = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var report = await LoadRunner.RunAsync(Options(closed, new LoadUser("a", "b")) with { Messages = 3 }, null, Ct);
        Assert.Equal((3L, 3L, 0L), (report.Operations, report.ConnectionErrors, report.Succeeded));
        Assert.Contains("refused", report.FirstConnectionError, StringComparison.OrdinalIgnoreCase);
    }
}
