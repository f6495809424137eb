using System.Net.Sockets;
using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Resilience;

/// SIGTERM: stop accepting, let a message being received finish, say 421 to idle clients, exit 0.
public sealed class ShutdownTests : MaildTestBase
{
    private const string User = "stop@example.test";
    private static readonly MaildOptions Options = new() { Config = "maild.shutdown-grace-period = 15s\n" };

    /// The first observable step of the shutdown: the listening socket is closed.
    private static async Task WaitUntilConnectionsAreRefusedAsync(MaildServer server)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", server.SmtpPort, deadline.Token);
            }
            catch (SocketException)
            {
                return;
            }
            await Task.Delay(50, deadline.Token);
        }
    }

    [Fact]
    public async Task SIGTERM_tells_an_idle_SMTP_client_421_and_exits_0()
    {
        var server = await StartServerAsync(Options);
        await using var smtp = await SmtpDialog.ConnectEhloAsync(server.SmtpPort);

        server.SendSigterm();

        var reply = await smtp.ReadReplyAsync();
        Assert.Equal((421, "4.3.2"), (reply.Code, reply.Enhanced));
        Assert.True(await smtp.IsClosedByServerAsync());
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task SIGTERM_mid_DATA_lets_the_client_finish_and_the_message_is_kept_exactly_once()
    {
        var server = await StartServerAsync(Options);
        await server.AddUserAsync(User, "secret");
        await using var smtp = await SmtpDialog.ConnectEhloAsync(server.SmtpPort);
        await smtp.ExpectAsync("MAIL FROM:<s@remote.test>", 250);
        await smtp.ExpectAsync($"RCPT TO:<{User}>", 250);
        await smtp.ExpectAsync("DATA", 354);
        await smtp.WriteAsync("Subject: in flight\r\n\r\nfirst half\r\n"u8.ToArray());

        server.SendSigterm();
        await WaitUntilConnectionsAreRefusedAsync(server);
        await smtp.WriteAsync("second half\r\n.\r\n"u8.ToArray());
        var reply = await smtp.ReadReplyAsync();

        Assert.True(reply.Code is 250 or 421, $"expected 250 (finished) or 421 (closed first), got {reply}");
        if (reply.Code == 250)
        {
            var goodbye = await smtp.ReadReplyAsync(); // then the server says goodbye
            Assert.Equal((421, "4.3.2"), (goodbye.Code, goodbye.Enhanced));
        }
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        await server.RestartAsync();
        await using var pop = await Pop3Dialog.LoginAsync(server.Pop3Port, User, "secret");
        var (count, _) = await pop.StatAsync();
        Assert.Equal(reply.Code == 250 ? 1 : 0, count);
        if (count == 1)
            Assert.EndsWith("first half\r\nsecond half\r\n", Encoding.ASCII.GetString(await pop.RetrAsync(1)));
    }
}
