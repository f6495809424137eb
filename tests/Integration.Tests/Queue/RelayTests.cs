using System.Text.Json;
using Mail.Integration.Tests.Harness;
using MimeKit;

namespace Mail.Integration.Tests.Queue;

/// <summary>
/// Outbound delivery between two real maild processes: A relays for its trusted network
/// (loopback) to B, the MX of b.test found through the test's DNS responder.
/// </summary>
public sealed class RelayTests : TwoServers
{
    [Fact]
    public async Task Trusted_client_relays_through_A_to_the_MX_and_the_message_arrives_once_without_bcc()
    {
        var b = await StartBAsync();
        var a = await StartAAsync();
        var message = $"""
            From: <{Alice}>
            To: <{Bob}>
            Bcc: <secret-{Guid.NewGuid():N}@elsewhere.test>
            Subject: relayed
            Message-ID: <relay-1@a.test>

            Across two servers.

            """;

        var reply = await SendRawAsync(a, Alice, Bob, message);
        Assert.Equal(250, reply.Code);

        var received = Assert.Single(await WaitForMessagesAsync(b, Bob, 1));
        Assert.Equal("relay-1@a.test", received.MessageId);
        Assert.Null(received.Headers[HeaderId.Bcc]);
        // B's trace on top of A's: both hops recorded, one Return-Path (B's, for the final delivery).
        var received_ = received.Headers.Where(h => h.Id == HeaderId.Received).Select(h => h.Value).ToArray();
        Assert.Contains(received_, r => r.Contains("by mx.b.test", StringComparison.Ordinal));
        Assert.Contains(received_, r => r.Contains("by mx.a.test", StringComparison.Ordinal));
        Assert.Equal($"<{Alice}>", Assert.Single(received.Headers, h => h.Id == HeaderId.ReturnPath).Value.Trim());
        await WaitForLogAsync(a, "relay=mx.b.test[127.0.0.1]");
        await WaitForLogAsync(a, "status=sent");

        await Task.Delay(1500, Ct);
        Assert.Single(await ReadAllAsync(b, Bob));
    }

    [Fact]
    public async Task Untrusted_client_may_not_relay()
    {
        var a = await StartAAsync(env: new Dictionary<string, string> { ["MAILD_MYNETWORKS"] = "192.0.2.0/24" });
        await using var smtp = await SmtpDialog.ConnectEhloAsync(a.SmtpPort);
        await smtp.ExpectAsync($"MAIL FROM:<{Alice}>", 250);
        await smtp.ExpectAsync($"RCPT TO:<{Bob}>", 554, "5.7.1");
        await smtp.ExpectAsync($"RCPT TO:<{Alice}>", 250); // local mail is still welcome
    }

    [Fact]
    public async Task MX_down_then_up_then_flush_delivers_exactly_once_and_mailq_shows_the_deferral()
    {
        var a = await StartAAsync(backoff: TimeSpan.FromHours(1));
        Assert.Equal(250, (await SendRawAsync(a, Alice, Bob, Message(Alice, Bob, "deferred", "flush-1@a.test"))).Code);

        // B is not running: the first attempt is refused and the recipient deferred.
        var listing = await WaitForQueueAsync(a, json => json.Contains("\"deferred\"", StringComparison.Ordinal));
        Assert.Contains("Connection refused", listing, StringComparison.Ordinal);
        var mailq = await a.RunCliAsync("queue", "list");
        Assert.Equal(0, mailq.ExitCode);
        Assert.Contains(Bob, mailq.Stdout, StringComparison.Ordinal);
        Assert.Contains("Connection refused", mailq.Stdout, StringComparison.Ordinal);

        var b = await StartBAsync();
        var flush = await a.RunCliAsync("queue", "flush");
        Assert.True(flush.ExitCode == 0, flush.ToString());

        var received = Assert.Single(await WaitForMessagesAsync(b, Bob, 1));
        Assert.Equal("flush-1@a.test", received.MessageId);
        await WaitForQueueAsync(a, json => !json.Contains(Bob, StringComparison.Ordinal));
        Assert.Contains("Mail queue is empty", (await a.RunCliAsync("queue", "list")).Stdout, StringComparison.Ordinal);
        await a.RunCliAsync("queue", "flush");
        await Task.Delay(1000, Ct);
        Assert.Single(await ReadAllAsync(b, Bob));
    }

    [Fact]
    public async Task Recipient_refused_by_the_MX_comes_back_to_the_sender_as_a_DSN()
    {
        await StartBAsync();
        var a = await StartAAsync();
        const string nobody = "nobody@b.test";
        Assert.Equal(250, (await SendRawAsync(a, Alice, nobody, Message(Alice, nobody, "to nobody", "bounce-1@a.test"), " NOTIFY=FAILURE ORCPT=rfc822;nobody@b.test")).Code);

        var dsn = Assert.Single(await WaitForMessagesAsync(a, Alice, 1));
        Assert.Equal("Undelivered Mail Returned to Sender", dsn.Subject);
        Assert.Equal("MAILER-DAEMON@mx.a.test", dsn.From.Mailboxes.Single().Address);
        Assert.Equal("<>", dsn.Headers[HeaderId.ReturnPath]?.Trim());
        var report = Assert.IsType<MultipartReport>(dsn.Body);
        Assert.Equal("delivery-status", report.ReportType);
        var status = Assert.Single(report.OfType<MessageDeliveryStatus>());
        var recipient = Assert.Single(status.StatusGroups.Skip(1));
        Assert.Equal("failed", recipient["Action"]);
        Assert.Equal("5.1.1", recipient["Status"]);
        Assert.Contains("nobody@b.test", recipient["Final-Recipient"], StringComparison.Ordinal);
        Assert.Contains("550", recipient["Diagnostic-Code"], StringComparison.Ordinal);
        Assert.Contains("bounce-1@a.test", report[2].ToString(), StringComparison.Ordinal); // original headers returned
        await WaitForLogAsync(a, "status=bounced");
    }

    [Fact]
    public async Task First_MX_refusing_connections_is_skipped_for_the_next_preference()
    {
        // 127.0.0.2 has nothing on B's port: the kernel refuses at once.
        Dns.AddMx("c.test", 10, "mx1.c.test").AddA("mx1.c.test", "127.0.0.2")
           .AddMx("c.test", 20, "mx2.c.test").AddA("mx2.c.test", "127.0.0.1");
        var b = await StartBAsync();
        await b.AddUserAsync("carol@c.test", Password);
        var a = await StartAAsync();

        Assert.Equal(250, (await SendRawAsync(a, Alice, "carol@c.test", Message(Alice, "carol@c.test", "second mx", "mx2-1@a.test"))).Code);
        Assert.Single(await WaitForMessagesAsync(b, "carol@c.test", 1));
        await WaitForLogAsync(a, "relay=mx2.c.test[127.0.0.1]");
    }

    [Fact]
    public async Task Null_MX_domain_fails_at_once_with_a_DSN()
    {
        Dns.AddNullMx("nomail.test");
        var a = await StartAAsync(backoff: TimeSpan.FromHours(1));
        Assert.Equal(250, (await SendRawAsync(a, Alice, "x@nomail.test", Message(Alice, "x@nomail.test", "null mx", "nullmx-1@a.test"))).Code);

        var dsn = Assert.Single(await WaitForMessagesAsync(a, Alice, 1));
        var status = Assert.Single(Assert.IsType<MultipartReport>(dsn.Body).OfType<MessageDeliveryStatus>());
        Assert.Equal("5.1.10", status.StatusGroups[1]["Status"]);
    }

    [Fact]
    public async Task Deferred_mail_survives_kill_9_of_A_and_is_delivered_once_after_restart()
    {
        var a = await StartAAsync();
        for (var i = 0; i < 3; i++)
            Assert.Equal(250, (await SendRawAsync(a, Alice, Bob, Message(Alice, Bob, $"crash {i}", $"crash-{i}@a.test"))).Code);
        await WaitForQueueAsync(a, json => json.Split("\"deferred\"").Length - 1 >= 3);

        a.Kill9();
        await a.RestartAsync();
        var b = await StartBAsync();

        var received = await WaitForMessagesAsync(b, Bob, 3, TimeSpan.FromSeconds(40));
        Assert.Equal(["crash-0@a.test", "crash-1@a.test", "crash-2@a.test"], received.Select(m => m.MessageId).Order());
        await WaitForQueueAsync(a, json => !json.Contains(Bob, StringComparison.Ordinal));
        await Task.Delay(1500, Ct);
        Assert.Equal(3, (await ReadAllAsync(b, Bob)).Count);
    }

    [Fact]
    public async Task Notify_success_for_a_local_recipient_gives_the_sender_a_delivery_report()
    {
        var a = await StartAAsync();
        const string carol = "carol@a.test";
        await a.AddUserAsync(carol, Password);

        Assert.Equal(250, (await SendRawAsync(a, Alice, carol, Message(Alice, carol, "please confirm", "success-1@a.test"), " NOTIFY=SUCCESS")).Code);

        Assert.Equal("success-1@a.test", Assert.Single(await WaitForMessagesAsync(a, carol, 1)).MessageId);
        var report = Assert.Single(await WaitForMessagesAsync(a, Alice, 1));
        Assert.Equal("Successful Mail Delivery Report", report.Subject);
        var status = Assert.Single(Assert.IsType<MultipartReport>(report.Body).OfType<MessageDeliveryStatus>());
        Assert.Equal("delivered", status.StatusGroups[1]["Action"]);
        await Task.Delay(1000, Ct);
        Assert.Single(await ReadAllAsync(a, carol));
    }

    /// `maild queue list --json` until <paramref name="done"/> holds for its output.
    private static async Task<string> WaitForQueueAsync(MaildServer server, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var result = await server.RunCliAsync("queue", "list", "--json");
            if (result.ExitCode == 0)
            {
                using var _ = JsonDocument.Parse(result.Stdout); // must be JSON
                if (done(result.Stdout))
                    return result.Stdout;
            }
            Assert.True(DateTime.UtcNow < deadline, $"queue never got there: {result}\n{server.Tail(8000)}");
            await Task.Delay(300, Ct);
        }
    }
}
