using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// <summary>
/// Bad input gets protocol errors, never a crash or a hang: binary junk, an endless line,
/// a flood of bad commands; the server keeps serving everyone else.
/// </summary>
public sealed class GarbageInputTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    public override ValueTask InitializeAsync()
    {
        Watch(Server);
        return base.InitializeAsync();
    }

    [Fact]
    public async Task A_megabyte_without_a_newline_gets_one_line_too_long_and_the_session_goes_on()
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);

        await smtp.WriteAsync(Encoding.ASCII.GetBytes(new string('A', 1024 * 1024) + "\r\n"));

        var reply = await smtp.ReadReplyAsync();
        Assert.Equal((500, "5.5.2"), (reply.Code, reply.Enhanced));
        await smtp.ExpectAsync("NOOP", 250, "2.0.0");
    }

    [Fact]
    public async Task Binary_junk_lines_get_500_then_421_after_the_error_limit()
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);
        var junk = new byte[64];
        new Random(42).NextBytes(junk);
        for (var i = 0; i < junk.Length; i++)
            if (junk[i] is (byte)'\r' or (byte)'\n')
                junk[i] = (byte)'x';
        var flood = new List<byte>();
        for (var i = 0; i < 25; i++)
            flood.AddRange([.. junk, (byte)'\r', (byte)'\n']);

        await smtp.WriteAsync([.. flood]);

        // smtp.hard-error-limit = 20: twenty answers, then goodbye.
        for (var i = 0; i < 20; i++)
            Assert.Equal(500, (await smtp.ReadReplyAsync()).Code);
        var last = await smtp.ReadReplyAsync();
        Assert.Equal((421, "4.7.0"), (last.Code, last.Enhanced));
        Assert.True(await smtp.IsClosedByServerAsync());

        await using var other = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);
        await other.ExpectAsync("NOOP", 250, "2.0.0");
    }

    [Fact]
    public async Task POP3_junk_before_login_gets_ERR_and_the_session_goes_on()
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync("127.0.0.1", Server.Pop3Port, Ct);
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        Assert.StartsWith("+OK", await reader.ReadLineAsync(Ct));

        await stream.WriteAsync(Encoding.ASCII.GetBytes(new string('\u0001', 4000) + "\r\nSTAT\r\nNOOP x y z\r\nCAPA\r\n"), Ct);

        Assert.Equal("-ERR line too long", await reader.ReadLineAsync(Ct));
        Assert.StartsWith("-ERR STAT not valid in AUTHORIZATION state", await reader.ReadLineAsync(Ct));
        Assert.StartsWith("-ERR", await reader.ReadLineAsync(Ct));
        Assert.StartsWith("+OK", await reader.ReadLineAsync(Ct));
    }
}
