using System.Text.RegularExpressions;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Queue;

/// <summary>
/// `maild queue show|hold|release|retry|delete` against a running server whose only MX is down
/// (nothing listens on its port), with a backoff of an hour: nothing moves unless an admin says so.
/// </summary>
public sealed partial class QueueAdminTests : TwoServers
{
    [GeneratedRegex(@"queued as ([0-9A-Z]{16})")]
    private static partial Regex QueuedAs();

    private async Task<(MaildServer A, string Id)> OneDeferredMessageAsync()
    {
        var a = await StartAAsync(backoff: TimeSpan.FromHours(1));
        var reply = await SendRawAsync(a, Alice, Bob, Message(Alice, Bob, "admin", "admin-1@a.test"));
        var id = QueuedAs().Match(reply.Text).Groups[1].Value;
        Assert.NotEqual("", id);
        await WaitForLogAsync(a, "status=deferred");
        return (a, id);
    }

    [Fact]
    public async Task Show_tells_envelope_headers_and_attempts()
    {
        var (a, id) = await OneDeferredMessageAsync();
        var show = await a.RunCliAsync("queue", "show", id);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains(Alice, show.Stdout, StringComparison.Ordinal);
        Assert.Contains(Bob, show.Stdout, StringComparison.Ordinal);
        Assert.Contains("Message-ID: <admin-1@a.test>", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("Connection refused", show.Stdout, StringComparison.Ordinal);

        var unknown = await a.RunCliAsync("queue", "show", "0000000000000000");
        Assert.Equal(1, unknown.ExitCode);
    }

    [Fact]
    public async Task Hold_keeps_a_message_from_flush_and_release_sends_it_at_once()
    {
        var (a, id) = await OneDeferredMessageAsync();
        Assert.Equal(0, (await a.RunCliAsync("queue", "hold", id)).ExitCode);
        Assert.Contains($"{id}!", (await a.RunCliAsync("queue", "list")).Stdout, StringComparison.Ordinal);

        var b = await StartBAsync();
        Assert.Equal(0, (await a.RunCliAsync("queue", "flush")).ExitCode);
        await Task.Delay(1500, Ct);
        Assert.Empty(await ReadAllAsync(b, Bob));

        Assert.Equal(0, (await a.RunCliAsync("queue", "release", id)).ExitCode);
        Assert.Single(await WaitForMessagesAsync(b, Bob, 1));
    }

    [Fact]
    public async Task Retry_one_message_and_delete_another_without_a_bounce()
    {
        var (a, first) = await OneDeferredMessageAsync();
        var second = QueuedAs().Match((await SendRawAsync(a, Alice, Bob, Message(Alice, Bob, "to delete", "admin-2@a.test"))).Text).Groups[1].Value;

        var delete = await a.RunCliAsync("queue", "delete", second);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.DoesNotContain(second, (await a.RunCliAsync("queue", "list")).Stdout, StringComparison.Ordinal);
        Assert.Equal(1, (await a.RunCliAsync("queue", "delete", second)).ExitCode);

        var b = await StartBAsync();
        Assert.Equal(0, (await a.RunCliAsync("queue", "retry", first)).ExitCode);
        var received = Assert.Single(await WaitForMessagesAsync(b, Bob, 1));
        Assert.Equal("admin-1@a.test", received.MessageId);
        Assert.Empty(await ReadAllAsync(a, Alice)); // a deleted message is not bounced

        Assert.Equal(0, (await a.RunCliAsync("queue", "delete", "--all")).ExitCode);
    }
}
