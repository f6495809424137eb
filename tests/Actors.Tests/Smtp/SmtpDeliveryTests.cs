using System.Text;
using System.Text.RegularExpressions;
using Mail.Actors.Mailbox;

namespace Mail.Actors.Tests.Smtp;

/// MAIL, RCPT, DATA through to the mailbox: the 250 waits for the mailbox ack, the blob holds
/// the trace headers and the dot-unstuffed body.
public sealed class SmtpDeliveryTests(ITestOutputHelper output) : SmtpDialogue(output)
{
    // As the client sends it: dot-stuffed lines, then the terminator.
    private const string Stuffed = "Subject: hi\r\n\r\n..leading dot\r\n..\r\nlast line\r\n.\r\n";
    private const string Unstuffed = "Subject: hi\r\n\r\n.leading dot\r\n.\r\nlast line\r\n";

    [Fact]
    public void Message_is_queued_only_after_the_mailbox_acknowledged_it()
    {
        Connect();
        Ehlo();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");

        Client(Stuffed);

        var append = ExpectAppend();
        ExpectNoReply();
        Assert.Equal("bob@example.com", append.MailboxId);
        Assert.Equal(append.QueueId + ".0", append.BlobId);
        Assert.True(Blobs.Exists(append.BlobId), "the body is durable before the mailbox is asked");
        Ack(append);
        ExpectReply($"250 2.0.0 Ok: queued as {append.QueueId}");
        Send("QUIT", "221 2.0.0 Bye");
    }

    [Fact]
    public async Task Blob_has_return_path_and_received_then_the_exact_unstuffed_body()
    {
        Connect();
        Ehlo();
        Client("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        NextReply();
        NextReply();
        NextReply();

        Client(Stuffed);

        var append = ExpectAppend();
        var stored = await Blobs.ReadAllAsync(append.BlobId, TestContext.Current.CancellationToken);
        var text = Encoding.UTF8.GetString(stored);
        var trace = new Regex(
            "^Return-Path: <alice@example\\.org>\r\n"
            + "Received: from client\\.example \\(unknown \\[127\\.0\\.0\\.1\\]\\)\r\n"
            + $"\tby mx\\.test \\(maild\\) with ESMTP id {append.QueueId}\r\n"
            + "\tfor <bob@example\\.com>; [A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\r\n");
        var match = trace.Match(text);
        Assert.True(match.Success, text);
        Assert.Equal(Unstuffed, text[match.Length..]);
        Assert.Equal(stored.Length, append.Size);
    }

    [Fact]
    public async Task Pipelined_envelope_is_answered_in_order_and_each_mailbox_gets_its_own_blob()
    {
        Connect();
        Ehlo();

        Client("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nRCPT TO:<carol@example.com>\r\nDATA\r\n");

        ExpectReply("250 2.1.0 Ok");
        ExpectReply("250 2.1.5 Ok");
        ExpectReply("250 2.1.5 Ok");
        ExpectReply("354 End data with <CR><LF>.<CR><LF>");
        Client("Subject: two\r\n\r\nhello\r\n.\r\n");
        var first = ExpectAppend();
        Ack(first);
        var second = ExpectAppend();
        ExpectNoReply(); // one ack is not enough
        Ack(second);
        ExpectReply($"250 2.0.0 Ok: queued as {first.QueueId}");

        Assert.Equal(
            [("bob@example.com", first.QueueId + ".0"), ("carol@example.com", first.QueueId + ".1")],
            new[] { first, second }.Select(a => (a.MailboxId, a.BlobId)).Order());
        var copy = Encoding.UTF8.GetString(await Blobs.ReadAllAsync(second.BlobId, TestContext.Current.CancellationToken));
        Assert.DoesNotContain("\tfor <", copy); // with two recipients, no copy names the other (Bcc)
        Assert.EndsWith("Subject: two\r\n\r\nhello\r\n", copy);
    }

    [Fact]
    public void The_same_mailbox_named_twice_gets_one_copy()
    {
        Connect();
        Ehlo();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
        Send("RCPT TO:<BOB@example.com>", "250 2.1.5 Ok");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");

        Client("hello\r\n.\r\n");

        var append = ExpectAppend();
        Ack(append);
        ExpectReply($"250 2.0.0 Ok: queued as {append.QueueId}");
        ExpectNoAppend();
    }

    /// One message to bob, whose mailbox refuses the append; returns that append.
    private Mail.Actors.Mailbox.AppendToMailbox SendOneMessageTheMailboxRefuses()
    {
        Connect();
        Ehlo();
        Client("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        NextReply();
        NextReply();
        NextReply();
        Client("hello\r\n.\r\n");

        var append = ExpectAppend();
        Mailboxes.Reply(new AppendRejected(append.MailboxId, append.QueueId, "journal unavailable"));
        return append;
    }

    [Fact]
    public void A_mailbox_refusing_the_message_hands_the_recipient_to_the_local_queue_before_250()
    {
        var append = SendOneMessageTheMailboxRefuses();

        // Not an error for the client: the local queue retries it like any deferred delivery.
        var enqueue = Queues.ExpectMsg<Mail.Actors.Queue.EnqueueMessage>(TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(("local", append.QueueId), (enqueue.Hop, enqueue.QueueId));
        var recipient = Assert.Single(enqueue.Recipients);
        Assert.Equal((append.MailboxId, append.BlobId), (recipient.MailboxId, recipient.BlobId));
        Assert.True(Blobs.Exists(enqueue.BlobId));
        Wire.ExpectNoMsg(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        Queues.Reply(new Mail.Actors.Queue.MessageEnqueued(enqueue.Hop, enqueue.QueueId));

        ExpectReply($"250 2.0.0 Ok: queued as {append.QueueId}");
    }

    [Fact]
    public void When_neither_the_mailbox_nor_the_queue_takes_the_message_the_client_gets_451_and_the_session_goes_on()
    {
        Settings = Settings with { CommitTimeout = TimeSpan.FromSeconds(1) };
        var append = SendOneMessageTheMailboxRefuses();
        Queues.ExpectMsg<Mail.Actors.Queue.EnqueueMessage>(TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        // no answer from the queue either

        ExpectReply("451 4.3.0 Error: queue file write error");
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
    }

    [Fact]
    public async Task Helo_session_is_traced_as_smtp_and_a_second_transaction_follows_the_first()
    {
        Connect();
        Send("HELO client.example", "250 mx.test");

        for (var i = 0; i < 2; i++)
        {
            Client("MAIL FROM:<>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
            ExpectReply("250 2.1.0 Ok");
            ExpectReply("250 2.1.5 Ok");
            ExpectReply("354 End data with <CR><LF>.<CR><LF>");
            Client("bounce\r\n.\r\n");
            var append = ExpectAppend();
            var text = Encoding.UTF8.GetString(await Blobs.ReadAllAsync(append.BlobId, TestContext.Current.CancellationToken));
            Assert.StartsWith("Return-Path: <>\r\n", text);
            Assert.Contains($"(maild) with SMTP id {append.QueueId}", text);
            Ack(append, i + 1);
            ExpectReply($"250 2.0.0 Ok: queued as {append.QueueId}");
        }
    }
}
