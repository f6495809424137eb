using System.Text;

namespace Mail.Actors.Tests.Smtp;

// LOCAL VERIFICATION ONLY (not committed by wip-proto: tests/Actors.Tests is outside its files).
public sealed class SmtpHardeningLocalTests : SmtpDialogue
{
    public SmtpHardeningLocalTests(ITestOutputHelper output) : base(output) =>
        Settings = Settings with { Chunking = true, SmtpUtf8 = true };

    private void EhloAll() => Send("EHLO client.example",
        "250-mx.test", "250-PIPELINING", "250-SIZE 4096", "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250-DSN", "250-SMTPUTF8", "250 CHUNKING");

    private void Envelope(string mail = "MAIL FROM:<alice@example.org>")
    {
        Send(mail, "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
    }

    private async Task<string> Stored(Mail.Actors.Mailbox.AppendToMailbox append) =>
        Encoding.UTF8.GetString(await Blobs.ReadAllAsync(append.BlobId, TestContext.Current.CancellationToken));

    [Theory]
    [InlineData("bob%elsewhere.org@example.com")]
    [InlineData("elsewhere.org!bob@example.com")]
    [InlineData("\"bob@elsewhere.org\"@example.com")]
    public void Hidden_routes_are_relay_attempts(string address)
    {
        Connect();
        EhloAll();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send($"RCPT TO:<{address}>", $"554 5.7.1 <{address}>: Relay access denied");
        Send("RCPT TO:<@example.com:bob@elsewhere.org>", "554 5.7.1 <bob@elsewhere.org>: Relay access denied");
        Send("RCPT TO:<@elsewhere.org:bob@example.com>", "250 2.1.5 Ok");
    }

    [Fact]
    public void Expn_is_not_recognized()
    {
        Connect();
        EhloAll();
        Send("EXPN staff", "502 5.5.2 Error: command not recognized");
    }

    [Fact]
    public async Task Bdat_chunks_then_last_commit()
    {
        Connect();
        EhloAll();
        Envelope();
        Client("BDAT 5\r\nhel");
        ExpectNoReply();
        Client("lo");
        ExpectReply("250 2.0.0 Ok: 5 bytes");
        Client("BDAT 9\r\n world\r\n.BDAT 0 LAST\r\n");
        ExpectReply("250 2.0.0 Ok: 9 bytes");
        var append = ExpectAppend();
        var text = await Stored(append);
        Assert.Contains("with ESMTP id", text);
        Assert.EndsWith("\r\nhello world\r\n.", text);
        Ack(append);
        ExpectReply($"250 2.0.0 Ok: queued as {append.QueueId}");
        Send("NOOP", "250 2.0.0 Ok");
    }

    [Fact]
    public void Data_after_bdat_is_503_and_rset_recovers()
    {
        Connect();
        EhloAll();
        Envelope();
        Client("BDAT 2\r\nab");
        ExpectReply("250 2.0.0 Ok: 2 bytes");
        Send("DATA", "503 5.5.1 Error: DATA after BDAT");
        Send("RCPT TO:<carol@example.com>", "503 5.5.1 Error: RCPT after BDAT");
        Send("RSET", "250 2.0.0 Ok");
        Envelope();
        Client("BDAT 3 LAST\r\nxyz");
        var append = ExpectAppend();
        Ack(append);
        ExpectReply($"250 2.0.0 Ok: queued as {append.QueueId}");
    }

    [Fact]
    public void Bdat_without_mail_is_skipped_then_503()
    {
        Connect();
        EhloAll();
        Client("BDAT 12\r\nQUIT\r\nQUIT\r\nNOOP\r\n");
        ExpectReply("503 5.5.1 Error: need RCPT command");
        ExpectReply("250 2.0.0 Ok");
    }

    [Fact]
    public void Oversized_chunk_is_read_then_552()
    {
        Connect();
        EhloAll();
        Envelope();
        Client("BDAT 5000 LAST\r\n" + new string('x', 4000));
        ExpectNoReply();
        Client(new string('x', 1000) + "NOOP\r\n");
        ExpectReply("552 5.3.4 Error: message file too big");
        ExpectReply("250 2.0.0 Ok");
        ExpectNoAppend();
    }

    [Fact]
    public void Bdat_is_502_when_chunking_is_off()
    {
        Settings = Settings with { Chunking = false };
        Connect();
        Send("EHLO client.example", "250-mx.test", "250-PIPELINING", "250-SIZE 4096", "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250-DSN", "250 SMTPUTF8");
        Envelope();
        Client("BDAT 6 LAST\r\nNOOP\r\nNOOP\r\n");
        ExpectReply("502 5.5.1 Error: command not implemented");
        ExpectReply("250 2.0.0 Ok");
    }

    [Fact]
    public async Task Smtputf8_transaction()
    {
        Connect();
        EhloAll();
        Send("MAIL FROM:<jösé@exämple.org>", "553 5.6.7 Must declare SMTPUTF8 to send UTF8 addresses");
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bøb@example.com>", "553 5.6.7 Must declare SMTPUTF8 to send UTF8 addresses");
        Send("RSET", "250 2.0.0 Ok");
        Send("MAIL FROM:<jösé@exämple.org> SMTPUTF8", "250 2.1.0 Ok");
        Send("RCPT TO:<bøb@example.com>", "550 5.1.1 <bøb@example.com>: Recipient address rejected: User unknown in virtual mailbox table");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        Client("Subject: ü\r\n\r\nhi\r\n.\r\n");
        var append = ExpectAppend();
        var text = await Stored(append);
        Assert.Contains("Return-Path: <jösé@exämple.org>", text);
        Assert.Contains("with UTF8SMTP id", text);
        Ack(append);
        NextReply();
    }

    [Fact]
    public void Bare_lf_rejected_after_data_when_configured_and_the_session_ends()
    {
        Settings = Settings with { BareLinefeeds = Mail.Protocols.Smtp.BareLinefeedPolicy.Reject };
        Connect();
        EhloAll();
        Envelope();
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        // What follows the end of data is never read as commands: the session hangs up.
        Client("a\nb\r\n.\r\nMAIL FROM:<alice@example.org>\r\n");
        ExpectReply("521 5.5.2 mx.test Error: bare <LF> received");
        AwaitClosed();
        ExpectNoReply();
        ExpectNoAppend();
    }

    [Fact]
    public async Task Bare_lf_normalized_by_default()
    {
        Connect();
        EhloAll();
        Envelope();
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        Client("a\nb\r\n.\r\n");
        var append = ExpectAppend();
        Assert.EndsWith("\r\na\r\nb\r\n", await Stored(append));
    }
}
