using System.Net;
using Mail.Actors.Queue;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Smtp;

/// RCPT through aliases, catch-alls, alias domains and the postmaster default: one RCPT may
/// become several recipients, each keeping the RCPT address as its ORCPT.
public sealed class SmtpAliasTests : SmtpDialogue
{
    public SmtpAliasTests(ITestOutputHelper output)
        : base(output)
    {
        Directory = new InMemoryDirectory { Yield = true }
            .WithUser("bob@example.com", "pw")
            .WithUser("carol@example.com", "pw")
            .WithAlias("team@example.com", "bob@example.com", "carol@example.com")
            .WithAlias("fwd@example.com", "dave@remote.test")
            .WithAlias("mixed@example.com", "bob@example.com", "dave@remote.test")
            .WithAlias("loop1@example.com", "loop2@example.com")
            .WithAlias("loop2@example.com", "loop1@example.com")
            .WithAliasDomain("example.net", "example.com");
    }

    private void Begin()
    {
        Connect(); // from 127.0.0.1, which these settings do not trust: no relaying
        Ehlo();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
    }

    private EnqueueMessage ExpectEnqueue() =>
        Queues.ExpectMsg<EnqueueMessage>(TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public void An_alias_to_two_users_appends_to_both_mailboxes()
    {
        Begin();
        Send("RCPT TO:<team@example.com>", "250 2.1.5 Ok");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        Client("hello\r\n.\r\n");

        var first = ExpectAppend();
        Ack(first);
        var second = ExpectAppend();
        Ack(second);
        ExpectReply($"250 2.0.0 Ok: queued as {first.QueueId}");
        Assert.Equal(["bob@example.com", "carol@example.com"], new[] { first.MailboxId, second.MailboxId }.Order());
    }

    [Fact]
    public void Remote_members_of_an_alias_are_relayed_for_an_untrusted_client_with_the_rcpt_as_orcpt()
    {
        Begin();
        Send("RCPT TO:<Mixed@example.com>", "250 2.1.5 Ok");
        Send("RCPT TO:<dave@remote.test>", "554 5.7.1 <dave@remote.test>: Relay access denied");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        Client("hello\r\n.\r\n");

        var append = ExpectAppend();
        Assert.Equal("bob@example.com", append.MailboxId);
        Ack(append);
        var enqueue = ExpectEnqueue();
        Queues.Reply(new MessageEnqueued(enqueue.Hop, enqueue.QueueId));
        ExpectReply($"250 2.0.0 Ok: queued as {append.QueueId}");
        Assert.Equal("smtp:remote.test", enqueue.Hop);
        var recipient = Assert.Single(enqueue.Recipients);
        Assert.Equal(("dave@remote.test", null), (recipient.Address, recipient.MailboxId));
        Assert.Equal(new Mail.Protocols.Smtp.OriginalRecipient("rfc822", "Mixed@example.com"), recipient.OriginalRecipient);
    }

    [Fact]
    public void An_orcpt_given_by_the_client_is_kept()
    {
        Begin();
        Send("RCPT TO:<fwd@example.com> ORCPT=rfc822;first@origin.test", "250 2.1.5 Ok");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        Client("hello\r\n.\r\n");

        var enqueue = ExpectEnqueue();
        Queues.Reply(new MessageEnqueued(enqueue.Hop, enqueue.QueueId));
        ExpectReply($"250 2.0.0 Ok: queued as {enqueue.QueueId}");
        Assert.Equal("first@origin.test", Assert.Single(enqueue.Recipients).OriginalRecipient!.Address);
    }

    [Fact]
    public void A_plain_user_keeps_its_address_as_written_and_gets_no_orcpt()
    {
        Begin();
        Send("RCPT TO:<Bob@example.com> NOTIFY=SUCCESS", "250 2.1.5 Ok");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        Client("hello\r\n.\r\n");

        // NOTIFY=SUCCESS takes the local queue's path, where the recipient can be seen whole.
        var enqueue = ExpectEnqueue();
        Queues.Reply(new MessageEnqueued(enqueue.Hop, enqueue.QueueId));
        var recipient = Assert.Single(enqueue.Recipients);
        Assert.Equal(("Bob@example.com", "bob@example.com", null), (recipient.Address, recipient.MailboxId, recipient.OriginalRecipient));
    }

    [Fact]
    public void An_alias_and_one_of_its_users_named_again_make_one_copy_each()
    {
        Begin();
        Send("RCPT TO:<team@example.com>", "250 2.1.5 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        Client("hello\r\n.\r\n");

        Ack(ExpectAppend());
        Ack(ExpectAppend());
        NextReply();
        ExpectNoAppend();
    }

    [Fact]
    public void An_alias_domain_delivers_to_the_same_user_of_its_target()
    {
        Begin();
        Send("RCPT TO:<carol@example.net>", "250 2.1.5 Ok");
        Send("RCPT TO:<nobody@example.net>",
            "550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in virtual mailbox table");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        Client("hello\r\n.\r\n");

        Assert.Equal("carol@example.com", ExpectAppend().MailboxId);
    }

    [Fact]
    public void An_alias_loop_is_451_4_6_0_and_the_session_goes_on()
    {
        Begin();
        Send("RCPT TO:<loop1@example.com>", "451 4.6.0 <loop1@example.com>: Recipient address rejected: Alias expansion error");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
    }

    [Theory]
    [InlineData("<postmaster>")]
    [InlineData("<Postmaster@example.com>")]
    [InlineData("<abuse@example.net>")]
    [InlineData("<postmaster@mx.test>")]
    public void Postmaster_and_abuse_are_accepted_without_a_user(string rcpt)
    {
        Begin();
        Send($"RCPT TO:{rcpt}", "250 2.1.5 Ok");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        Client("hello\r\n.\r\n");

        Assert.Equal("postmaster@example.com", ExpectAppend().MailboxId);
    }

    [Fact]
    public void The_recipient_limit_counts_rcpt_commands_not_expansions()
    {
        Settings = Settings with { MaxRecipients = 2 };
        Begin();
        Send("RCPT TO:<team@example.com>", "250 2.1.5 Ok");   // two mailboxes, one RCPT
        Send("RCPT TO:<nobody@example.com>",
            "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
        Send("RCPT TO:<carol@example.com>", "452 4.5.3 Error: too many recipients");
    }

    [Fact]
    public void A_plain_remote_recipient_still_needs_a_trusted_client()
    {
        Settings = Settings with { IsTrustedClient = ip => IPAddress.IsLoopback(ip) };
        Begin();
        Send("RCPT TO:<someone@remote.test>", "250 2.1.5 Ok");
    }
}
