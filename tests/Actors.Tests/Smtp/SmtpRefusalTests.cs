namespace Mail.Actors.Tests.Smtp;

/// Recipients and transactions the session refuses, with the exact enhanced codes.
public sealed class SmtpRefusalTests(ITestOutputHelper output) : SmtpDialogue(output)
{
    [Fact]
    public void Unknown_local_user_is_550_5_1_1()
    {
        Connect();
        Ehlo();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");

        Send("RCPT TO:<nobody@example.com>",
            "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table");
    }

    [Fact]
    public void Remote_domain_is_relaying_and_refused_554_5_7_1()
    {
        Connect();
        Ehlo();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");

        Send("RCPT TO:<someone@elsewhere.org>", "554 5.7.1 <someone@elsewhere.org>: Relay access denied");
    }

    [Fact]
    public void Data_when_every_recipient_was_refused_is_554_5_5_1()
    {
        Connect();
        Ehlo();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<nobody@example.com>",
            "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table");

        Send("DATA", "554 5.5.1 Error: no valid recipients");
        ExpectNoAppend();
    }

    [Fact]
    public void A_refused_recipient_does_not_spoil_the_accepted_one()
    {
        Connect();
        Ehlo();
        Client("MAIL FROM:<alice@example.org>\r\nRCPT TO:<nobody@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");

        ExpectReply("250 2.1.0 Ok");
        ExpectReply("550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table");
        ExpectReply("250 2.1.5 Ok");
        ExpectReply("354 End data with <CR><LF>.<CR><LF>");
        Client("hi\r\n.\r\n");
        var append = ExpectAppend();
        Assert.Equal("bob@example.com", append.MailboxId);
    }

    [Fact]
    public void Declared_size_over_the_limit_is_552_5_3_4()
    {
        Connect();
        Ehlo();

        Send("MAIL FROM:<alice@example.org> SIZE=4097", "552 5.3.4 Message size exceeds fixed limit");
        Send("MAIL FROM:<alice@example.org> SIZE=4096", "250 2.1.0 Ok");
    }

    [Fact]
    public void Rset_drops_the_transaction()
    {
        Connect();
        Ehlo();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");

        Send("RSET", "250 2.0.0 Ok");

        Send("DATA", "503 5.5.1 Error: need RCPT command");
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
    }

    [Fact]
    public void Rset_before_helo_keeps_asking_for_helo()
    {
        Connect();

        Send("RSET", "250 2.0.0 Ok");

        Send("MAIL FROM:<alice@example.org>", "503 5.5.1 Error: send HELO/EHLO first");
    }

    [Fact]
    public void Unsupported_mail_parameter_is_555_5_5_4()
    {
        Connect();
        Ehlo();

        Send("MAIL FROM:<alice@example.org> SMTPUTF8", "555 5.5.4 Unsupported option: SMTPUTF8");
    }

    [Fact]
    public void Recipients_are_checked_the_same_with_a_directory_that_completes_asynchronously()
    {
        Directory = new Support.InMemoryDirectory { Yield = true }.WithUser("bob@example.com", "pw");
        Connect();
        Ehlo();

        Client("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nRCPT TO:<nobody@example.com>\r\nRCPT TO:<x@elsewhere.org>\r\n");

        ExpectReply("250 2.1.0 Ok");
        ExpectReply("250 2.1.5 Ok");
        ExpectReply("550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table");
        ExpectReply("554 5.7.1 <x@elsewhere.org>: Relay access denied");
    }
}
