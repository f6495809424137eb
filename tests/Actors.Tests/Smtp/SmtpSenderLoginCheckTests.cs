using System.Net;
using System.Text;

namespace Mail.Actors.Tests.Smtp;

/// <summary>
/// The sender login check per user and per domain (Postfix smtpd_sender_login_maps with
/// reject_sender_login_mismatch): the user's setting, else its domain's, else the configuration's.
/// </summary>
public sealed class SmtpSenderLoginCheckTests : SmtpDialogue
{
    private static readonly IPEndPoint Outsider = new(IPAddress.Parse("192.0.2.10"), 40000);

    public SmtpSenderLoginCheckTests(ITestOutputHelper output)
        : base(output)
    {
    }

    private void LoginAsBob()
    {
        Connect(Outsider, secure: true);
        SecureEhlo();
        Send($"AUTH PLAIN {Convert.ToBase64String(Encoding.UTF8.GetBytes("\0bob@example.com\0bobpw"))}", "235 2.7.0 Authentication successful");
    }

    private const string Mismatch = "553 5.7.1 <carol@example.com>: Sender address rejected: not owned by user bob@example.com";

    [Fact]
    public void A_user_set_off_may_send_as_anyone_though_the_configuration_says_on()
    {
        Directory = Directory.WithSenderLoginCheck("example.com", true).WithSenderLoginCheck("bob@example.com", false);
        LoginAsBob();
        Send("MAIL FROM:<carol@example.com>", "250 2.1.0 Ok");
    }

    [Fact]
    public void A_domain_set_off_lets_its_users_send_as_anyone()
    {
        Directory = Directory.WithSenderLoginCheck("example.com", false);
        LoginAsBob();
        Send("MAIL FROM:<carol@example.com>", "250 2.1.0 Ok");
        Send("RSET", "250 2.0.0 Ok");
        Send("MAIL FROM:<someone@elsewhere.test>", "250 2.1.0 Ok");
    }

    [Fact]
    public void A_user_set_on_is_checked_though_the_configuration_says_off()
    {
        Settings = Settings with { RejectSenderLoginMismatch = false };
        Directory = Directory.WithSenderLoginCheck("bob@example.com", true);
        LoginAsBob();
        Send("MAIL FROM:<carol@example.com>", Mismatch);
        Send("MAIL FROM:<bob@example.com>", "250 2.1.0 Ok");
    }

    [Fact]
    public void Nothing_set_inherits_the_configuration()
    {
        LoginAsBob();
        Send("MAIL FROM:<carol@example.com>", Mismatch);

        Settings = Settings with { RejectSenderLoginMismatch = false };
        LoginAsBob();
        Send("MAIL FROM:<carol@example.com>", "250 2.1.0 Ok");
    }

    [Fact]
    public void The_setting_is_asked_once_per_session()
    {
        Directory = Directory.WithSenderLoginCheck("bob@example.com", true);
        LoginAsBob();
        Send("MAIL FROM:<carol@example.com>", Mismatch);
        Send("MAIL FROM:<carol@example.com>", Mismatch);
        Send("MAIL FROM:<carol@example.com>", Mismatch);
        Assert.Equal(1, Directory.SenderLoginCheckCalls);
    }
}
