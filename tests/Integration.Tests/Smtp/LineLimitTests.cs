using System.Net.Sockets;
using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// <summary>
/// Through a real socket: command line limit (500 5.5.2, the session survives), long text
/// lines refused at the end of data (long-lines = reject), a BDAT refused for a bad parameter
/// whose chunk is still consumed, bare LF under bare-linefeeds = reject (521 and hang up), and
/// the disconnect line with Postfix's command counts.
/// </summary>
public sealed class LineLimitTests : MaildTestBase
{
    private const string Password = "secret";

    private async Task<(MaildServer Server, string User)> StartAsync()
    {
        var server = await StartServerAsync(new MaildOptions
        {
            Config = "maild.smtp { long-lines = reject, bare-linefeeds = reject }\n",
        });
        var user = UniqueAddress("limits");
        await server.AddUserAsync(user, Password);
        return (server, user);
    }

    internal static async Task WaitForLogAsync(MaildServer server, string text)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!server.Log.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, $"not logged: {text}\n{server.Tail(4000)}");
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task Long_lines_are_refused_the_session_survives_and_only_the_good_message_arrives()
    {
        var (server, user) = await StartAsync();
        await using var smtp = await SmtpDialog.ConnectEhloAsync(server.SmtpPort);

        var tooLong = await smtp.CommandAsync("NOOP " + new string('x', 600));
        Assert.Equal((500, "5.5.2", "5.5.2 Line too long"), (tooLong.Code, tooLong.Enhanced, tooLong.Text));
        await smtp.ExpectAsync("NOOP", 250);

        var refused = await smtp.SendMailAsync("a@remote.test", [user],
            Encoding.ASCII.GetBytes("Subject: long\r\n\r\n" + new string('y', 1200) + "\r\nRSET\r\n.\r\n"));
        Assert.Equal((500, "5.5.2 Error: message has a line over 1000 octets"), (refused.Code, refused.Text));

        var accepted = await smtp.SendMailAsync("a@remote.test", [user],
            Encoding.ASCII.GetBytes("Subject: short\r\n\r\n" + new string('y', 998) + "\r\n.\r\n"));
        Assert.Equal(250, accepted.Code);
        await smtp.ExpectAsync("QUIT", 221);

        Assert.Equal("short", Assert.Single(await MailKitClients.FetchAllAsync(server.Pop3Port, user, Password)).Subject);
        await WaitForLogAsync(server, "disconnect from unknown[127.0.0.1] ehlo=1 mail=2 rcpt=2 data=1/2 noop=1 quit=1 unknown=0/1 commands=8/10");
    }

    [Fact]
    public async Task A_bdat_with_a_bad_parameter_never_runs_its_chunk_as_commands()
    {
        var (server, user) = await StartAsync();
        await using var smtp = await SmtpDialog.ConnectEhloAsync(server.SmtpPort);
        await smtp.ExpectAsync("MAIL FROM:<a@remote.test>", 250);
        await smtp.ExpectAsync($"RCPT TO:<{user}>", 250);

        const string chunk = "RSET\r\nMAIL FROM:<evil@remote.test>\r\nQUIT\r\n";
        await smtp.WriteAsync($"BDAT {chunk.Length} LAST BOGUS\r\n{chunk}");
        var refused = await smtp.ReadReplyAsync();
        Assert.Equal((501, "5.5.4"), (refused.Code, refused.Enhanced));

        // Still in the transaction: the chunk's QUIT did not end the session, its RSET did not run.
        const string message = "Subject: chunked\r\n\r\nafter the refused chunk\r\n";
        await smtp.WriteAsync($"BDAT {message.Length} LAST\r\n{message}");
        Assert.Equal(250, (await smtp.ReadReplyAsync()).Code);
        Assert.Equal("chunked", Assert.Single(await MailKitClients.FetchAllAsync(server.Pop3Port, user, Password)).Subject);
    }

    [Fact]
    public async Task A_bare_lf_gets_521_and_the_connection_closes_in_commands_and_in_data()
    {
        var (server, user) = await StartAsync();
        await using (var smtp = await SmtpDialog.ConnectAsync(server.SmtpPort))
        {
            await smtp.WriteAsync("EHLO client.test\nNOOP\r\n");
            var reply = await smtp.ReadReplyAsync();
            Assert.Equal("521 5.5.2 mx.example.test Error: bare <LF> received", $"{reply.Code} {reply.Text}");
            Assert.True(await smtp.IsClosedByServerAsync());
        }

        await using (var smtp = await SmtpDialog.ConnectEhloAsync(server.SmtpPort))
        {
            // The smuggling shape: a bare-LF "end" with a second message behind it.
            var reply = await smtp.SendMailAsync("a@remote.test", [user],
                Encoding.ASCII.GetBytes($"Subject: one\r\n\r\nx\n.\nMAIL FROM:<b@remote.test>\r\nRCPT TO:<{user}>\r\nDATA\r\nSubject: two\r\n\r\n.\r\n"));
            Assert.Equal((521, "5.5.2"), (reply.Code, reply.Enhanced));
            Assert.True(await smtp.IsClosedByServerAsync());
        }

        Assert.Empty(await MailKitClients.FetchAllAsync(server.Pop3Port, user, Password));
    }
}
