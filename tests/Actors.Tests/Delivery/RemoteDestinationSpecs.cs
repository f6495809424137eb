using Mail.Actors.Delivery;
using Mail.Actors.Delivery.Remote;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Tests.Delivery;

/// Through RemoteDelivery and RemoteDestination to a scripted SMTP server on loopback.
public sealed class RemoteDestinationSpecs(ITestOutputHelper output) : RemoteDeliverySpec(output)
{
    private void MxTo127001() => Dns.AddMx("example.test", 10, "mx.example.test").AddA("mx.example.test", "127.0.0.1");

    [Fact]
    public async Task Delivered_through_the_MX_with_the_envelope_as_given()
    {
        MxTo127001();
        var delivery = Delivery();

        var outcome = Single(await Deliver(delivery, Request()));

        Assert.Equal(DeliveryStatus.Delivered, outcome.Status);
        Assert.Equal("2.0.0", outcome.Dsn);
        Assert.Equal("250 2.0.0 Ok: queued as SCRIPTED", outcome.Diagnostic);
        Assert.Equal($"mx.example.test[127.0.0.1]:{Smtp.Port}", outcome.Relay);
        Assert.Equal("mx.example.test", outcome.RemoteMta);
        Assert.False(outcome.Relayed);
        var message = Assert.Single(Smtp.Messages);
        Assert.StartsWith("MAIL FROM:<alice@example.org>", message.MailFrom);
        Assert.Equal(["RCPT TO:<bob@example.test>"], message.RcptTo);
        Assert.Contains("Subject: hi", message.Text);
        Assert.EndsWith("\r\n\r\nHello.\r\n", message.Text);
    }

    [Fact]
    public async Task Without_MX_the_A_record_of_the_domain_is_used()
    {
        Dns.AddA("example.test", "127.0.0.1");

        var outcome = Single(await Deliver(Delivery(), Request()));

        Assert.Equal(DeliveryStatus.Delivered, outcome.Status);
        Assert.Equal($"example.test[127.0.0.1]:{Smtp.Port}", outcome.Relay);
    }

    [Fact]
    public async Task Null_sender_is_MAIL_FROM_empty_and_the_Return_Path_is_not_sent_on()
    {
        MxTo127001();

        await Deliver(Delivery(), Request(new Mail.Actors.Delivery.Envelope(""), "Return-Path: <>\r\n" + Body));

        var message = Assert.Single(Smtp.Messages);
        Assert.StartsWith("MAIL FROM:<>", message.MailFrom);
        Assert.DoesNotContain("Return-Path", message.Text);
    }

    [Fact]
    public async Task Null_MX_fails_at_once_with_5_1_10()
    {
        Dns.AddNullMx("example.test").AddA("example.test", "127.0.0.1");

        var outcome = Single(await Deliver(Delivery(), Request()));

        Assert.Equal(DeliveryStatus.Failed, outcome.Status);
        Assert.Equal("5.1.10", outcome.Dsn);
        Assert.Equal("none", outcome.Relay);
        Assert.Equal(0, Smtp.Connections);
    }

    [Fact]
    public async Task NXDOMAIN_fails_with_5_4_4()
    {
        var outcome = Single(await Deliver(Delivery(), Request(domain: "nowhere.test")));

        Assert.Equal(DeliveryStatus.Failed, outcome.Status);
        Assert.Equal("5.4.4", outcome.Dsn);
        Assert.Contains("Host or domain name not found", outcome.Diagnostic);
    }

    [Fact]
    public async Task SERVFAIL_defers_with_4_4_3()
    {
        Dns.ServFail("example.test");

        var outcome = Single(await Deliver(Delivery(), Request()));

        Assert.Equal(DeliveryStatus.Deferred, outcome.Status);
        Assert.Equal("4.4.3", outcome.Dsn);
    }

    [Fact]
    public async Task A_refusing_first_MX_is_skipped_for_the_second()
    {
        Dns.AddMx("example.test", 10, "mx1.example.test").AddA("mx1.example.test", "127.0.0.2")
            .AddMx("example.test", 20, "mx2.example.test").AddA("mx2.example.test", "127.0.0.1");

        var outcome = Single(await Deliver(Delivery(), Request()));

        Assert.Equal(DeliveryStatus.Delivered, outcome.Status);
        Assert.Equal($"mx2.example.test[127.0.0.1]:{Smtp.Port}", outcome.Relay);
    }

    [Fact]
    public async Task When_every_MX_refuses_the_recipients_are_deferred_4_4_1()
    {
        Dns.AddMx("example.test", 10, "mx1.example.test").AddA("mx1.example.test", "127.0.0.2");

        var outcome = Single(await Deliver(Delivery(), Request()));

        Assert.Equal(DeliveryStatus.Deferred, outcome.Status);
        Assert.Equal("4.4.1", outcome.Dsn);
        Assert.Equal($"connect to mx1.example.test[127.0.0.2]:{Smtp.Port}: Connection refused", outcome.Diagnostic);
        Assert.Equal("none", outcome.Relay);
    }

    [Fact]
    public async Task A_5xx_greeting_moves_on_and_defers_when_nothing_else_answers()
    {
        MxTo127001();
        Smtp.Greeting = "554 5.7.1 go away";

        var outcome = Single(await Deliver(Delivery(), Request()));

        Assert.Equal(DeliveryStatus.Deferred, outcome.Status);
        Assert.Equal("4.4.1", outcome.Dsn);
        Assert.Contains("refused to talk to me: 554 5.7.1 go away", outcome.Diagnostic);
    }

    [Fact]
    public async Task Each_recipient_gets_its_own_RCPT_reply()
    {
        MxTo127001();
        Smtp.RcptReplies["later@example.test"] = "450 4.2.0 <later@example.test>: Mailbox busy";
        Smtp.RcptReplies["gone@example.test"] = "550 5.1.1 <gone@example.test>: User unknown";

        var report = await Deliver(Delivery(), Request(recipients:
            [new DeliveryRecipient("ok@example.test"), new DeliveryRecipient("later@example.test"), new DeliveryRecipient("gone@example.test")]));

        Assert.Equal(
            [
                ("ok@example.test", DeliveryStatus.Delivered, "2.0.0"),
                ("later@example.test", DeliveryStatus.Deferred, "4.2.0"),
                ("gone@example.test", DeliveryStatus.Failed, "5.1.1"),
            ],
            report.Outcomes.Select(o => (o.Address, o.Status, o.Dsn)));
        Assert.Equal("550 5.1.1 <gone@example.test>: User unknown", report.Outcomes[2].Diagnostic);
        Assert.Equal(["RCPT TO:<ok@example.test>", "RCPT TO:<later@example.test>", "RCPT TO:<gone@example.test>"], Assert.Single(Smtp.Messages).RcptTo);
    }

    [Fact]
    public async Task When_every_RCPT_is_refused_there_is_no_DATA()
    {
        MxTo127001();
        Smtp.DefaultRcptReply = "550 5.1.1 User unknown";

        var report = await Deliver(Delivery(), Request(recipients: [new DeliveryRecipient("a@example.test"), new DeliveryRecipient("b@example.test")]));

        Assert.All(report.Outcomes, o => Assert.Equal((DeliveryStatus.Failed, "5.1.1"), (o.Status, o.Dsn)));
        Assert.Empty(Smtp.Messages);
    }

    [Fact]
    public async Task DATA_554_fails_every_accepted_recipient()
    {
        MxTo127001();
        Smtp.DataReply = "554 5.6.0 Message rejected";
        Smtp.RcptReplies["later@example.test"] = "450 4.2.0 busy";

        var report = await Deliver(Delivery(), Request(recipients: [new DeliveryRecipient("a@example.test"), new DeliveryRecipient("b@example.test"), new DeliveryRecipient("later@example.test")]));

        Assert.Equal(
            [(DeliveryStatus.Failed, "5.6.0", "554 5.6.0 Message rejected"), (DeliveryStatus.Failed, "5.6.0", "554 5.6.0 Message rejected"), (DeliveryStatus.Deferred, "4.2.0", "450 4.2.0 busy")],
            report.Outcomes.Select(o => (o.Status, o.Dsn, o.Diagnostic)));
    }

    [Fact]
    public async Task MAIL_FROM_451_defers_everyone()
    {
        MxTo127001();
        Smtp.MailReply = "451 4.3.0 Try again";

        var report = await Deliver(Delivery(), Request(recipients: [new DeliveryRecipient("a@example.test"), new DeliveryRecipient("b@example.test")]));

        Assert.All(report.Outcomes, o => Assert.Equal((DeliveryStatus.Deferred, "4.3.0", "451 4.3.0 Try again"), (o.Status, o.Dsn, o.Diagnostic)));
    }

    [Fact]
    public async Task DSN_parameters_are_passed_on_when_the_server_speaks_DSN()
    {
        MxTo127001();
        Smtp.EhloKeywords.Add("DSN");

        var outcome = Single(await Deliver(Delivery(), Request(
            new Mail.Actors.Delivery.Envelope("alice@example.org", EnvelopeId: "ENV42", Return: DsnReturn.Headers),
            recipients: [new DeliveryRecipient("bob@example.test", DsnNotify.Success | DsnNotify.Failure, new OriginalRecipient("rfc822", "bob@example.test"))])));

        var message = Assert.Single(Smtp.Messages);
        Assert.Contains(" RET=HDRS", message.MailFrom);
        Assert.Contains(" ENVID=ENV42", message.MailFrom);
        var rcpt = Assert.Single(message.RcptTo);
        Assert.Contains(" NOTIFY=SUCCESS,FAILURE", rcpt);
        Assert.Contains(" ORCPT=rfc822;bob@example.test", rcpt);
        Assert.False(outcome.Relayed);
    }

    [Fact]
    public async Task Without_DSN_no_parameters_are_sent_and_NOTIFY_SUCCESS_reads_as_relayed()
    {
        MxTo127001();

        var outcome = Single(await Deliver(Delivery(), Request(
            new Mail.Actors.Delivery.Envelope("alice@example.org", EnvelopeId: "ENV42", Return: DsnReturn.Full),
            recipients: [new DeliveryRecipient("bob@example.test", DsnNotify.Success, new OriginalRecipient("rfc822", "bob@example.test"))])));

        var message = Assert.Single(Smtp.Messages);
        Assert.Equal("MAIL FROM:<alice@example.org>", message.MailFrom.Replace(" BODY=8BITMIME", ""));
        Assert.Equal("RCPT TO:<bob@example.test>", Assert.Single(message.RcptTo));
        Assert.True(outcome.Relayed);
    }

    [Fact]
    public async Task Bcc_never_reaches_the_next_hop()
    {
        MxTo127001();
        const string withBcc = "From: alice@example.org\r\nTo: bob@example.test\r\nBcc: secret@example.test\r\nResent-Bcc: hidden@example.test\r\nSubject: hi\r\n\r\nHello.\r\n";

        await Deliver(Delivery(), Request(body: withBcc));

        var text = Assert.Single(Smtp.Messages).Text;
        Assert.DoesNotContain("secret@", text);
        Assert.DoesNotContain("hidden@", text);
        Assert.Contains("Subject: hi", text);
    }

    [Fact]
    public async Task A_missing_body_defers_with_4_3_0()
    {
        MxTo127001();
        var request = Request() with { BlobId = "gone" };

        var outcome = Single(await Deliver(Delivery(), request));

        Assert.Equal((DeliveryStatus.Deferred, "4.3.0"), (outcome.Status, outcome.Dsn));
        Assert.Equal(0, Smtp.Connections);
    }

    [Fact]
    public async Task Two_requests_in_a_row_share_one_connection()
    {
        MxTo127001();
        var delivery = Delivery();

        Assert.Equal(DeliveryStatus.Delivered, Single(await Deliver(delivery, Request())).Status);
        Assert.Equal(DeliveryStatus.Delivered, Single(await Deliver(delivery, Request())).Status);

        Assert.Equal(2, Smtp.Messages.Count);
        Assert.Equal(1, Smtp.Connections);
    }

    [Fact]
    public async Task Idle_connections_are_closed_after_the_reuse_time()
    {
        MxTo127001();
        Settings = Settings with { ConnectionReuseTime = TimeSpan.FromMilliseconds(200) };
        var delivery = Delivery();

        await Deliver(delivery, Request());
        await AwaitConditionAsync(() => Task.FromResult(Smtp.CurrentConnections == 0), TimeSpan.FromSeconds(5), cancellationToken: TestContext.Current.CancellationToken);
        await Deliver(delivery, Request());

        Assert.Equal(2, Smtp.Connections);
    }

    [Fact]
    public async Task Slow_start_opens_no_more_than_the_initial_concurrency()
    {
        MxTo127001();
        Settings = Settings with { InitialConcurrency = 2, DestinationConcurrency = 20 };
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Smtp.BeforeDataReply = () => gate.Task;
        var delivery = Delivery();

        for (var i = 0; i < 6; i++)
            delivery.Tell(Request(), TestActor);
        await AwaitConditionAsync(() => Task.FromResult(Smtp.WaitingInData == 2), TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(2, Smtp.Connections);
        Assert.Equal(2, Smtp.WaitingInData);

        gate.SetResult();
        for (var i = 0; i < 6; i++)
            Assert.Equal(DeliveryStatus.Delivered, Single(await ExpectMsgAsync<DeliveryReport>(TimeSpan.FromSeconds(15), cancellationToken: TestContext.Current.CancellationToken)).Status);
        Assert.Equal(6, Smtp.Messages.Count);
        Assert.True(Smtp.MaxConcurrentConnections <= 4, $"max concurrent {Smtp.MaxConcurrentConnections}");
    }

    [Fact]
    public async Task An_idle_destination_stops_and_the_next_request_gets_a_new_one()
    {
        MxTo127001();
        Settings = Settings with { ConnectionReuseTime = TimeSpan.FromMilliseconds(100), DestinationIdleTime = TimeSpan.FromMilliseconds(300) };
        var delivery = Delivery();
        await Deliver(delivery, Request());
        var child = await Sys.ActorSelection(delivery.Path / RemoteDelivery.ChildName("smtp:example.test"))
            .ResolveOne(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Watch(child);

        await ExpectTerminatedAsync(child, TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(DeliveryStatus.Delivered, Single(await Deliver(delivery, Request())).Status);
        Assert.Equal(2, Smtp.Connections);
    }
}
