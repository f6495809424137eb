using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// <summary>
/// Postfix postscreen's pregreet test on a real socket: the MTA listener holds its banner back
/// (greet-wait), a client that talks first is logged and dropped (greet-action = drop), a
/// polite client and the submission port are served as usual.
/// </summary>
public sealed class PregreetTests : MaildTestBase
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    private Task<MaildServer> StartAsync(string action) => StartServerAsync(new MaildOptions
    {
        Config = $"maild.smtp {{ greet-wait = 2s, greet-action = {action} }}\n",
    });

    [Fact]
    public async Task A_client_that_talks_first_is_logged_and_dropped_a_polite_one_is_served()
    {
        var server = await StartAsync("drop");

        using (var bot = new TcpClient { NoDelay = true })
        {
            await bot.ConnectAsync("127.0.0.1", server.SmtpPort, Ct);
            var stream = bot.GetStream();
            await stream.WriteAsync("EHLO bot.test\r\n"u8.ToArray(), Ct);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            Assert.Equal("521 5.5.1 Protocol error", await reader.ReadLineAsync(Ct));
            Assert.Null(await reader.ReadLineAsync(Ct));
        }
        await LineLimitTests.WaitForLogAsync(server, "PREGREET 15 after 0.");
        await LineLimitTests.WaitForLogAsync(server, ": EHLO bot.test\\r\\n");

        var clock = Stopwatch.StartNew();
        await using var polite = await SmtpDialog.ConnectEhloAsync(server.SmtpPort);
        Assert.True(clock.Elapsed >= Wait - TimeSpan.FromMilliseconds(100), $"banner after {clock.Elapsed}");
        Assert.Equal(220, polite.Greeting.Code);
        await polite.ExpectAsync("MAIL FROM:<a@remote.test>", 250);
    }

    [Fact]
    public async Task Enforce_lets_the_early_talker_on_but_refuses_its_recipients_and_submission_never_waits()
    {
        var server = await StartAsync("enforce");
        var user = UniqueAddress("pregreet");
        await server.AddUserAsync(user, "secret");

        using (var bot = new TcpClient { NoDelay = true })
        {
            await bot.ConnectAsync("127.0.0.1", server.SmtpPort, Ct);
            var stream = bot.GetStream();
            await stream.WriteAsync("EHLO bot.test\r\n"u8.ToArray(), Ct);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            Assert.StartsWith("220 ", await reader.ReadLineAsync(Ct));
            while ((await reader.ReadLineAsync(Ct))!.StartsWith("250-", StringComparison.Ordinal))
            {
            }
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"MAIL FROM:<a@remote.test>\r\nRCPT TO:<{user}>\r\n"), Ct);
            Assert.StartsWith("250 ", await reader.ReadLineAsync(Ct));
            Assert.Equal("550 5.5.1 Protocol error", await reader.ReadLineAsync(Ct));
        }

        var clock = Stopwatch.StartNew();
        await using var submission = await SmtpDialog.ConnectAsync(server.SubmissionPort);
        Assert.Equal(220, submission.Greeting.Code);
        Assert.True(clock.Elapsed < Wait, $"submission banner after {clock.Elapsed}");
    }
}
