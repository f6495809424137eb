using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Pop3;

/// Settings that need a server of their own: connection limits and the idle timeout.
public sealed class Pop3LimitsTests : MaildTestBase
{
    [Fact]
    public async Task One_connection_over_the_per_client_limit_gets_sys_temp_and_is_closed_on_both_ports()
    {
        var server = await StartServerAsync(new MaildOptions { Config = "maild.pop3.client-connection-limit = 2\n" });
        var open = new List<Pop3Dialog> { await Pop3Dialog.ConnectAsync(server.Pop3Port), await Pop3Dialog.ConnectAsync(server.Pop3Port) };

        await using (var refused = await Pop3TlsDialog.ConnectAsync(server.Pop3Port))
        {
            Assert.Equal("-ERR [SYS/TEMP] Too many connections from 127.0.0.1", await refused.ReadLineAsync());
            Assert.True(await refused.IsClosedByServerAsync());
        }
        // Each listener counts its own connections: the pop3s port still has room.
        await using (var pop3s = await Pop3TlsDialog.ConnectAsync(server.Pop3sPort, implicitTls: true))
            Assert.Equal("+OK maild ready.", await pop3s.ReadLineAsync());

        Assert.Equal("+OK Logging out.", await open[0].CommandAsync("QUIT"));
        await open[0].DisposeAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            await using var again = await Pop3TlsDialog.ConnectAsync(server.Pop3Port);
            if (await again.ReadLineAsync() == "+OK maild ready.")
                break;
            Assert.True(DateTime.UtcNow < deadline, "the freed slot never came back");
            await Task.Delay(100, Ct);
        }
        await open[1].DisposeAsync();
        var logged = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!server.Log.Contains("pop3: refusing unknown[127.0.0.1]: -ERR [SYS/TEMP] Too many connections", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < logged, "the refusal was not logged");
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task An_idle_session_is_told_err_and_closed_without_committing_its_deletions()
    {
        var user = UniqueAddress("idle");
        var server = await StartServerAsync(new MaildOptions { Config = "maild.pop3.timeout = 2s\n", Users = [(user, "secret")] });
        await MailKitClients.SendAsync(server.SmtpPort, MailKitClients.NewMessage("sender@remote.test", user, "stays", "body\r\n"));

        await using (var pop = await Pop3Dialog.LoginAsync(server.Pop3Port, user, "secret"))
        {
            await pop.ExpectOkAsync("DELE 1");
            Assert.Equal("-ERR Disconnected for inactivity.", await pop.ReadLineAsync());
            await Assert.ThrowsAsync<IOException>(pop.ReadLineAsync);
        }

        await using var next = await Pop3Dialog.LoginAsync(server.Pop3Port, user, "secret");
        Assert.Equal(1, (await next.StatAsync()).Count);
    }
}
