using Mail.Actors.Connections;
using Akka.Actor;

namespace Mail.Actors.Tests.Smtp;

/// <summary>
/// STARTTLS as the session sees it (RFC 3207): the test plays the pump, answering the
/// session's StartTls with TlsEstablished or TlsFailed.
/// </summary>
public sealed class SmtpStartTlsTests(ITestOutputHelper output) : SmtpDialogue(output)
{
    private static readonly string[] EhloWithStartTls =
        ["250-mx.test", "250-PIPELINING", "250-SIZE 4096", "250-STARTTLS", "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250 DSN"];

    private void ConnectWithTls()
    {
        Connect();
        Connection.CanStartTls = true;
    }

    /// The pump finished the handshake.
    private void Handshake()
    {
        Connection.IsSecure = true;
        Session.Tell(new TlsEstablished("TLSv1.3", "TLS_AES_256_GCM_SHA384"));
    }

    [Fact]
    public void EHLO_offers_STARTTLS_and_STARTTLS_answers_220_then_asks_the_pump()
    {
        ConnectWithTls();
        Send("EHLO client.example", EhloWithStartTls);

        Send("STARTTLS", "220 2.0.0 Ready to start TLS");

        AwaitConnection(() => Assert.Equal(1, Connection.StartTlsCalls));
    }

    [Fact]
    public void After_TLS_the_session_starts_over_and_EHLO_no_longer_offers_STARTTLS()
    {
        ConnectWithTls();
        Send("EHLO client.example", EhloWithStartTls);
        Send("STARTTLS", "220 2.0.0 Ready to start TLS");
        Handshake();

        Send("MAIL FROM:<alice@example.org>", "503 5.5.1 Error: send HELO/EHLO first");
        SecureEhlo(); // AUTH is offered once TLS is up
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
    }

    [Theory]
    [InlineData("RSET\r\n")]
    [InlineData("MAIL FROM:<a@b.example>\r\n")]
    [InlineData("EHLO evil.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<bob@example.com>\r\n")]
    public void Commands_pipelined_behind_STARTTLS_are_discarded_CVE_2011_0411(string injected)
    {
        ConnectWithTls();
        Send("EHLO client.example", EhloWithStartTls);

        Client("STARTTLS\r\n" + injected);
        ExpectReply("220 2.0.0 Ready to start TLS");
        ExpectNoReply();
        Handshake();
        ExpectNoReply();

        Send("MAIL FROM:<alice@example.org>", "503 5.5.1 Error: send HELO/EHLO first");
    }

    [Fact]
    public void Plaintext_read_while_the_handshake_is_pending_is_discarded_too()
    {
        ConnectWithTls();
        Send("EHLO client.example", EhloWithStartTls);
        Send("STARTTLS", "220 2.0.0 Ready to start TLS");

        Client("RSET\r\nNOOP\r\n");
        ExpectNoReply();
        Handshake();

        ExpectNoReply();
        Send("NOOP", "250 2.0.0 Ok");
    }

    [Fact]
    public void STARTTLS_after_TLS_is_503_and_with_an_argument_is_501()
    {
        ConnectWithTls();
        Send("EHLO client.example", EhloWithStartTls);
        Send("STARTTLS now", "501 5.5.4 Syntax: STARTTLS");
        Send("STARTTLS", "220 2.0.0 Ready to start TLS");
        Handshake();
        SecureEhlo(); // AUTH is offered once TLS is up

        Send("STARTTLS", "503 5.5.1 Error: TLS already active");
        Assert.Equal(1, Connection.StartTlsCalls);
    }

    [Fact]
    public void STARTTLS_during_a_transaction_is_503()
    {
        ConnectWithTls();
        Send("EHLO client.example", EhloWithStartTls);
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");

        Send("STARTTLS", "503 5.5.1 Error: MAIL transaction in progress");
    }

    [Fact]
    public void Without_a_certificate_STARTTLS_is_not_offered_and_is_502()
    {
        Connect();
        Ehlo();

        Send("STARTTLS", "502 5.5.1 Error: command not implemented");
        Assert.Equal(0, Connection.StartTlsCalls);
    }

    [Fact]
    public void A_failed_handshake_closes_the_connection()
    {
        ConnectWithTls();
        Send("EHLO client.example", EhloWithStartTls);
        Send("STARTTLS", "220 2.0.0 Ready to start TLS");

        Session.Tell(new TlsFailed("unsupported protocol"));

        AwaitClosed();
        ExpectNoReply();
    }

    [Fact]
    public async Task Implicit_TLS_needs_no_STARTTLS_and_the_message_says_ESMTPS_with_the_cipher()
    {
        Connect();
        Handshake(); // the pump did it before the first command
        SecureEhlo(); // AUTH is offered once TLS is up
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        Client("Subject: hi\r\n\r\nhello\r\n.\r\n");

        var append = ExpectAppend();
        var stored = System.Text.Encoding.UTF8.GetString(await Blobs.ReadAllAsync(append.BlobId, TestContext.Current.CancellationToken));
        Assert.Contains("\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384)\r\n", stored);
        Assert.Contains(" with ESMTPS id ", stored);
    }
}
