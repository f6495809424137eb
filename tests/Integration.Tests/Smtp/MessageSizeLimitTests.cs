using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// maild.smtp.message-size-limit set small in the --config file: the body is checked at the end of DATA.
public sealed class MessageSizeLimitTests : MaildTestBase
{
    [Fact]
    public async Task Body_over_message_size_limit_is_552_and_nothing_is_delivered()
    {
        var server = await StartServerAsync(new MaildOptions { Config = "maild.smtp.message-size-limit = 4000\n" });
        const string user = "small@example.test";
        await server.AddUserAsync(user, "secret");
        await using var smtp = await SmtpDialog.ConnectAsync(server.SmtpPort);
        var ehlo = await smtp.ExpectAsync("EHLO client.example.test", 250);
        Assert.Contains("SIZE 4000", ehlo.Lines);

        var big = "Subject: big\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('y', 76) + "\r\n", 100)) + ".\r\n";
        var tooBig = await smtp.SendMailAsync("s@remote.test", [user], Encoding.ASCII.GetBytes(big));
        Assert.Equal((552, "5.3.4"), (tooBig.Code, tooBig.Enhanced));

        // The session is usable afterwards, and a message under the limit goes through.
        var fits = await smtp.SendMailAsync("s@remote.test", [user], "Subject: small\r\n\r\nfits\r\n.\r\n"u8.ToArray());
        Assert.Equal(250, fits.Code);
        await using var pop = await Pop3Dialog.LoginAsync(server.Pop3Port, user, "secret");
        Assert.Equal(1, (await pop.StatAsync()).Count);
        Assert.Contains("Subject: small", Encoding.ASCII.GetString(await pop.RetrAsync(1)));
        Assert.Empty(Directory.GetFiles(server.SpoolDir));
    }
}
