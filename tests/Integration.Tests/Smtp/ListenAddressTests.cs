using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// One service on several addresses: every listen entry accepts, even with the same port.
public sealed class ListenAddressTests : MaildTestBase
{
    [Fact]
    public async Task The_same_port_on_two_loopback_addresses_serves_both()
    {
        var server = await StartServerAsync(new MaildOptions
        {
            Environment = new Dictionary<string, string> { ["MAILD_SMTP_LISTEN"] = "127.0.0.1:{smtp}, 127.0.0.2:{smtp}" },
        });
        await server.AddUserAsync("multi@" + MaildOptions.Domain, "secret");

        foreach (var host in new[] { "127.0.0.1", "127.0.0.2" })
        {
            using var client = new MailKit.Net.Smtp.SmtpClient();
            await client.ConnectAsync(host, server.SmtpPort, MailKit.Security.SecureSocketOptions.None, Ct);
            await client.SendAsync(MailKitClients.NewMessage("s@remote.test", "multi@" + MaildOptions.Domain, $"via {host}", "x"), Ct);
            await client.DisconnectAsync(true, Ct);
        }

        var subjects = (await MailKitClients.FetchAllAsync(server.Pop3Port, "multi@" + MaildOptions.Domain, "secret")).Select(m => m.Subject);
        Assert.Equal(["via 127.0.0.1", "via 127.0.0.2"], subjects.Order());
    }
}
