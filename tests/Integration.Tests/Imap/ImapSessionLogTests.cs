using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Imap;

/// <summary>
/// The lines an admin greps when a user's client misbehaves, like Dovecot's
/// "imap(user): Disconnected: Logged out in=.. out=..": one per session end, with the user,
/// the client address, why it ended and the octets each way.
/// </summary>
public sealed class ImapSessionLogTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    [Fact]
    public async Task Logout_and_a_dropped_connection_are_logged_with_octet_counts()
    {
        var quits = UniqueAddress("quits");
        var drops = UniqueAddress("drops");
        await Server.AddUserAsync(quits, "secret");
        await Server.AddUserAsync(drops, "secret");
        await using (var c = await ImapDialog.LoginAsync(Server.ImapPort, quits, "secret"))
            await c.CommandAsync("LOGOUT");
        await using (var c = await ImapDialog.LoginAsync(Server.ImapPort, drops, "secret"))
            await c.CommandAsync("NOOP");

        var logout = await LogLineAsync($"imap logout user=<{quits}>");
        Assert.Matches(@"imap logout user=<[^>]+> rip=127\.0\.0\.1 in=\d{2,} out=\d{3,}", logout);
        var disconnect = await LogLineAsync($"imap disconnect user=<{drops}>");
        Assert.Matches(@"imap disconnect user=<[^>]+> rip=127\.0\.0\.1 reason=\[[^\]]+\] in=\d{2,} out=\d{3,}", disconnect);
    }

    // The line appears when the session stops, a moment after the socket closed.
    private async Task<string> LogLineAsync(string start)
    {
        for (var i = 0; i < 100; i++)
        {
            var line = Server.Log.Split('\n').FirstOrDefault(l => l.Contains(start, StringComparison.Ordinal));
            if (line is not null)
                return line;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new Xunit.Sdk.XunitException($"no log line with '{start}' in:\n{Server.Tail(4000)}");
    }
}
