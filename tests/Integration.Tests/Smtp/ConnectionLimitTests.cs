using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// Postfix's anvil limit on simultaneous connections from one client, and the connect/disconnect log lines.
public sealed class ConnectionLimitTests : MaildTestBase
{
    [Fact]
    public async Task One_connection_over_the_per_client_limit_gets_421_and_a_freed_slot_is_usable_again()
    {
        var server = await StartServerAsync(new MaildOptions { Config = "maild.smtp.client-connection-limit = 3\n" });
        // The harness's readiness probe was a connection too: wait until its session has ended.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!server.Log.Contains("disconnect from unknown[127.0.0.1]", StringComparison.Ordinal) && DateTime.UtcNow < until)
            await Task.Delay(50, Ct);
        var open = new List<SmtpDialog>();
        for (var i = 0; i < 3; i++)
        {
            var dialog = await SmtpDialog.ConnectAsync(server.SmtpPort);
            Assert.Equal(220, dialog.Greeting.Code);
            open.Add(dialog);
        }

        await using (var refused = await SmtpDialog.ConnectAsync(server.SmtpPort))
        {
            Assert.Equal(421, refused.Greeting.Code);
            Assert.Equal("4.7.0 mx.example.test Error: too many connections from 127.0.0.1", refused.Greeting.Text);
            Assert.True(await refused.IsClosedByServerAsync());
        }

        await open[0].CommandAsync("QUIT");
        await open[0].DisposeAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            await using var again = await SmtpDialog.ConnectAsync(server.SmtpPort);
            if (again.Greeting.Code == 220)
                break;
            Assert.True(DateTime.UtcNow < deadline, "the freed slot never came back");
            await Task.Delay(100, Ct);
        }
        foreach (var d in open.Skip(1))
            await d.DisposeAsync();

        await Task.Delay(500, Ct); // buffered log
        Assert.Contains("connect from unknown[127.0.0.1]", server.Log, StringComparison.Ordinal);
        Assert.Contains("refusing unknown[127.0.0.1]: 421 4.7.0", server.Log, StringComparison.Ordinal);
    }
}
