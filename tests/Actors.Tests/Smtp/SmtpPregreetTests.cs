using System.Net;
using Mail.Actors.Smtp;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Smtp;

/// <summary>
/// Postfix postscreen's pregreet test: with greet-wait set, the MTA listener holds its banner
/// back, and a client that talks first is logged and then ignored, enforced or dropped.
/// </summary>
public sealed class SmtpPregreetTests : SmtpDialogue
{
    private static readonly IPEndPoint Outsider = new(IPAddress.Parse("192.0.2.10"), 40000);

    public SmtpPregreetTests(ITestOutputHelper output)
        : base(output) =>
        Settings = Settings with { GreetWait = TimeSpan.FromSeconds(1) };

    private void ExpectGreetingAfterTheWait()
    {
        ExpectNoReply(); // 300 ms of the second
        ExpectReply("220 mx.test ESMTP maild");
    }

    [Fact]
    public void A_polite_client_gets_the_banner_after_the_wait_and_carries_on()
    {
        Connect(Outsider, expectGreeting: false);
        ExpectGreetingAfterTheWait();
        Ehlo();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
    }

    [Fact]
    public void An_early_talker_is_logged_and_by_default_served_after_the_banner()
    {
        Connect(Outsider, expectGreeting: false);
        EventFilter.Info(start: "PREGREET 21 after 0.").ExpectOne(() => Client("EHLO client.example\r\n"), cancellationToken: TestContext.Current.CancellationToken);
        ExpectReply("220 mx.test ESMTP maild");
        // Its early command is answered after the banner, in order.
        ExpectReply("250-mx.test", "250-PIPELINING", "250-SIZE 4096", "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250 DSN");
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
    }

    [Fact]
    public void The_log_line_shows_the_first_line_escaped()
    {
        Connect(Outsider, expectGreeting: false);
        EventFilter.Info(contains: "13 after 0.").ExpectOne(() => Client("HELO x\r\nQUIT\0"), cancellationToken: TestContext.Current.CancellationToken);
        Connect(Outsider, expectGreeting: false);
        EventFilter.Info(contains: "from [192.0.2.10]:40000: HELO x\\r\\n")
            .ExpectOne(() => Client("HELO x\r\nQUIT\0"), cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Enforce_refuses_every_recipient()
    {
        Settings = Settings with { GreetAction = PregreetAction.Enforce };
        Connect(Outsider, expectGreeting: false);
        Client("EHLO client.example\r\n");
        ExpectGreetingAfterTheWait();
        NextReply();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "550 5.5.1 Protocol error");
        Send("RCPT TO:<carol@example.com>", "550 5.5.1 Protocol error");
        Send("DATA", "554 5.5.1 Error: no valid recipients");
    }

    [Fact]
    public void Drop_answers_521_and_closes_before_any_banner()
    {
        Settings = Settings with { GreetAction = PregreetAction.Drop };
        Connect(Outsider, expectGreeting: false);
        Client("EHLO spambot\r\nMAIL FROM:<x@y.test>\r\n");
        ExpectReply("521 5.5.1 Protocol error");
        AwaitClosed();
        Wire.ExpectNoMsg(TimeSpan.FromMilliseconds(600), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Mynetworks_and_submission_are_never_made_to_wait()
    {
        Settings = Settings with { GreetAction = PregreetAction.Drop, IsTrustedClient = ip => IPAddress.IsLoopback(ip) };
        Connect(RecordingConnection.Loopback);
        Ehlo();

        Settings = Settings with { IsTrustedClient = null, Role = SmtpRole.Submission };
        Connect(Outsider);
        Send("NOOP", "250 2.0.0 Ok");
    }
}
