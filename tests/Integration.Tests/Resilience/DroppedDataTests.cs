using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Resilience;

/// A body that never reached its final dot must leave neither a message nor a spool file.
/// The bodies here are past maild.blob-database-limit (128 KiB), so they are spooled to a file
/// while they arrive; a smaller one lives in the session's memory until its commit.
public sealed class DroppedDataTests : MaildTestBase
{
    private const string User = "drop@example.test";

    private static async Task<SmtpDialog> HalfwayThroughDataAsync(MaildServer server)
    {
        var smtp = await SmtpDialog.ConnectEhloAsync(server.SmtpPort);
        await smtp.ExpectAsync("MAIL FROM:<s@remote.test>", 250);
        await smtp.ExpectAsync($"RCPT TO:<{User}>", 250);
        await smtp.ExpectAsync("DATA", 354);
        await smtp.WriteAsync(Encoding.ASCII.GetBytes("Subject: half\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('z', 998) + "\r\n", 200)) + "more to come"));
        return smtp;
    }

    /// The spool file of the half-received body, once the server has written it (bounded wait).
    private static async Task WaitForSpoolFileAsync(MaildServer server)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Directory.GetFiles(server.SpoolDir).Length == 0)
            await Task.Delay(50, deadline.Token);
    }

    private static async Task<int> CountAsync(MaildServer server)
    {
        await using var pop = await Pop3Dialog.LoginAsync(server.Pop3Port, User, "secret");
        return (await pop.StatAsync()).Count;
    }

    [Fact]
    public async Task Client_dropping_mid_DATA_delivers_nothing_and_its_spool_file_goes_away()
    {
        var server = await StartServerAsync();
        await server.AddUserAsync(User, "secret");
        var smtp = await HalfwayThroughDataAsync(server);
        await WaitForSpoolFileAsync(server);

        smtp.Abort();

        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (Directory.GetFiles(server.SpoolDir).Length > 0)
                await Task.Delay(50, deadline.Token);
        }
        Assert.Equal(0, await CountAsync(server));
        Assert.Equal(0, await server.StopAsync());
        await server.RestartAsync();
        Assert.Empty(Directory.GetFiles(server.SpoolDir));
        Assert.Equal(0, await CountAsync(server));
    }

    [Fact]
    public async Task Server_killed_mid_DATA_delivers_nothing_and_restart_empties_the_spool()
    {
        var server = await StartServerAsync();
        await server.AddUserAsync(User, "secret");
        await using var smtp = await HalfwayThroughDataAsync(server);
        await WaitForSpoolFileAsync(server);

        server.Kill9();
        Assert.NotEmpty(Directory.GetFiles(server.SpoolDir)); // the crash left the half body behind
        await server.RestartAsync();

        Assert.Empty(Directory.GetFiles(server.SpoolDir));
        Assert.Equal(0, await CountAsync(server));
    }
}
