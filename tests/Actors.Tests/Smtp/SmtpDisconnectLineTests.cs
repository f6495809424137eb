using System.Net;
using System.Text;
using Mail.Actors.Smtp;

namespace Mail.Actors.Tests.Smtp;

/// <summary>The "disconnect from ... commands=" line, counted as Postfix's smtpd counts.</summary>
public sealed class SmtpDisconnectLineTests : SmtpDialogue
{
    private static readonly IPEndPoint Outsider = new(IPAddress.Parse("192.0.2.10"), 40000);

    public SmtpDisconnectLineTests(ITestOutputHelper output)
        : base(output) =>
        Settings = Settings with { AuthFailureDelay = TimeSpan.FromMilliseconds(10) };

    [Fact]
    public void Counts_print_n_when_all_succeeded_and_ok_slash_total_otherwise()
    {
        var counts = new SmtpCommandCounts();
        Assert.Equal("commands=0", counts.ToString());
        counts.Record("EHLO", true);
        counts.Record("RCPT", true);
        counts.Record("RCPT", false);
        counts.Record("MAIL", true);
        counts.Record(null, false);
        counts.Record("XYZZY", false);
        Assert.Equal("ehlo=1 mail=1 rcpt=1/2 unknown=0/2 commands=3/6", counts.ToString());
    }

    [Fact]
    public void A_session_logs_its_counts_when_it_ends()
    {
        Connect(Outsider, secure: true);
        SecureEhlo();
        Send($"AUTH PLAIN {Convert.ToBase64String(Encoding.UTF8.GetBytes("\0bob@example.com\0wrong"))}",
            "535 5.7.8 Error: authentication failed: authentication failure");
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
        Send("RCPT TO:<nobody@example.com>", "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table");
        Send("RCPT TO:<carol@example.com>", "250 2.1.5 Ok");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        Client("Subject: x\r\n\r\nhi\r\n.\r\n");
        var append = ExpectAppend();
        Ack(append);
        Ack(ExpectAppend(), 2);
        Assert.StartsWith("250 2.0.0 Ok: queued as", NextReply());
        Send("FROB", "500 5.5.2 Error: command not recognized");
        EventFilter.Info(message: "disconnect from unknown[192.0.2.10] ehlo=1 auth=0/1 mail=1 rcpt=2/3 data=1 quit=1 unknown=0/1 commands=6/9")
            .ExpectOne(() =>
            {
                Send("QUIT", "221 2.0.0 Bye");
                LoseConnection();
            }, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_client_lost_during_data_counts_a_failed_data()
    {
        Connect(Outsider);
        Ehlo();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");
        Client("Subject: half a message\r\n");
        EventFilter.Info(message: "disconnect from unknown[192.0.2.10] ehlo=1 mail=1 rcpt=1 data=0/1 commands=3/4")
            .ExpectOne(LoseConnection, cancellationToken: TestContext.Current.CancellationToken);
    }
}
