using System.Net;
using System.Text;

namespace Mail.Actors.Tests.Smtp;

/// <summary>
/// Line limits (RFC 5321 4.5.3.1), BDAT refused for its syntax (RFC 3030: its octets are still
/// read) and bare LF under reject (Postfix smtpd_forbid_bare_newline = yes), as a client sees them.
/// </summary>
public sealed class SmtpLineLimitDialogueTests : SmtpDialogue
{
    private static readonly IPEndPoint Outsider = new(IPAddress.Parse("192.0.2.10"), 40000);

    public SmtpLineLimitDialogueTests(ITestOutputHelper output)
        : base(output) =>
        Settings = Settings with { Chunking = true, MaxMessageSize = 100_000 };

    private void EhloChunking() => Send("EHLO client.example",
        "250-mx.test", "250-PIPELINING", "250-SIZE 100000", "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250-DSN", "250 CHUNKING");

    private void Envelope()
    {
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
    }

    private async Task<string> Stored(Mail.Actors.Mailbox.AppendToMailbox append) =>
        Encoding.UTF8.GetString(await Blobs.ReadAllAsync(append.BlobId, TestContext.Current.CancellationToken));

    [Fact]
    public void A_command_line_over_512_octets_is_refused_and_the_session_goes_on()
    {
        Connect(Outsider);
        EhloChunking();
        Send("MAIL FROM:<" + new string('a', 500) + "@example.org>", "500 5.5.2 Line too long");
        // Sent in pieces, the rest of an overlong line is dropped as it comes, never run.
        Client("NOOP " + new string('x', 600));
        ExpectReply("500 5.5.2 Line too long");
        Client(new string('x', 600) + " RSET\r\n");
        ExpectNoReply();
        Envelope();
    }

    [Fact]
    public void The_limit_is_the_admins()
    {
        Settings = Settings with { MaxCommandLine = 1024 };
        Connect(Outsider);
        EhloChunking();
        Send("NOOP " + new string('x', 1000), "250 2.0.0 Ok");
        Send("NOOP " + new string('x', 1018), "500 5.5.2 Line too long");
    }

    [Fact]
    public void An_auth_line_with_a_long_initial_response_is_read_whole()
    {
        Settings = Settings with { Chunking = false, MaxMessageSize = 4096 };
        Connect(Outsider, secure: true);
        SecureEhlo();
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0bob@example.com\0" + new string('p', 3000)));
        Send($"AUTH PLAIN {token}", "535 5.7.8 Error: authentication failed: authentication failure");
        Send("NOOP", "250 2.0.0 Ok");
    }

    [Fact]
    public async Task A_message_with_a_long_line_is_stored_whole_by_default()
    {
        Connect(Outsider);
        EhloChunking();
        Envelope();
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        var line = new string('y', 3000);
        Client($"Subject: long\r\n\r\n{line}\r\n.\r\n");
        var append = ExpectAppend();
        Assert.EndsWith($"\r\n{line}\r\n", await Stored(append));
    }

    [Fact]
    public void A_message_with_a_long_line_is_refused_at_its_end_when_configured()
    {
        Settings = Settings with { RejectLongTextLines = true };
        Connect(Outsider);
        EhloChunking();
        Envelope();
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        // The text after the long line is still message data: nothing of it runs as a command.
        Client("Subject: long\r\n\r\n" + new string('y', 999) + "\r\nRSET\r\nQUIT\r\n.\r\n");
        ExpectReply("500 5.5.2 Error: message has a line over 1000 octets");
        ExpectNoAppend();
        Envelope();
    }

    [Fact]
    public async Task A_bdat_with_a_bad_parameter_still_has_its_chunk_read_and_dropped()
    {
        Connect(Outsider);
        EhloChunking();
        Envelope();
        const string chunk = "RSET\r\nQUIT\r\n";
        Client($"BDAT {chunk.Length} LAST NOW\r\n{chunk}");
        ExpectReply("501 5.5.4 Syntax: BDAT chunk-size [LAST]");
        ExpectNoReply();
        // The transaction is still there: neither RSET nor QUIT ran.
        Client("BDAT 12 LAST\r\nSubject: x\r\n");
        var append = ExpectAppend();
        Ack(append);
        Assert.StartsWith("250 2.0.0 Ok: queued as ", NextReply());
        Assert.EndsWith("\r\nSubject: x\r\n", await Stored(append));
    }

    [Fact]
    public void A_bdat_without_mail_has_its_chunk_dropped_too()
    {
        Connect(Outsider);
        EhloChunking();
        Client("BDAT 22\r\nMAIL FROM:<a@b.test>\r\nNOOP\r\n");
        ExpectReply("503 5.5.1 Error: need RCPT command");
        ExpectReply("250 2.0.0 Ok");
    }

    [Fact]
    public void A_bare_lf_command_under_reject_ends_the_session()
    {
        Settings = Settings with { BareLinefeeds = Mail.Protocols.Smtp.BareLinefeedPolicy.Reject };
        Connect(Outsider);
        Client("EHLO client.example\nRSET\r\n");
        ExpectReply("521 5.5.2 mx.test Error: bare <LF> received");
        AwaitClosed();
        ExpectNoReply();
    }
}
