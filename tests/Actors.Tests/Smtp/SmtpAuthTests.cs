using System.Net;
using System.Text;
using Mail.Actors.Connections;
using Mail.Actors.Pop3;

namespace Mail.Actors.Tests.Smtp;

/// SMTP AUTH (RFC 4954): PLAIN and LOGIN, TLS-only by default, throttled, and what it permits.
public sealed class SmtpAuthTests : SmtpDialogue
{
    private static readonly IPEndPoint Outsider = new(IPAddress.Parse("192.0.2.10"), 40000);

    public SmtpAuthTests(ITestOutputHelper output)
        : base(output)
    {
        Settings = Settings with { AuthFailureDelay = TimeSpan.FromMilliseconds(50) };
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Without_TLS_AUTH_is_not_offered_and_refused_with_538()
    {
        Connect(Outsider);
        Ehlo();
        Send($"AUTH PLAIN {B64("\0bob@example.com\0bobpw")}", "538 5.7.11 Encryption required for requested authentication mechanism");
    }

    [Fact]
    public void Plaintext_from_loopback_when_configured()
    {
        Settings = Settings with { PlaintextAuth = PlaintextAuth.Loopback };
        Connect();
        SecureEhlo();
        Send($"AUTH PLAIN {B64("\0bob@example.com\0bobpw")}", "235 2.7.0 Authentication successful");
    }

    [Fact]
    public void Plain_with_initial_response_then_no_second_AUTH_and_EHLO_stops_offering_it()
    {
        Connect(Outsider, secure: true);
        SecureEhlo();
        Send($"AUTH PLAIN {B64("\0bob@example.com\0bobpw")}", "235 2.7.0 Authentication successful");
        Send("AUTH PLAIN", "503 5.5.1 Error: already authenticated");
        Ehlo();
    }

    [Fact]
    public void Plain_and_login_as_exchanges()
    {
        Connect(Outsider, secure: true);
        SecureEhlo();
        Send("AUTH PLAIN", "334 ");
        Send(B64("bob@example.com\0bob@example.com\0bobpw"), "235 2.7.0 Authentication successful");

        Connect(Outsider, secure: true);
        SecureEhlo();
        Send("AUTH LOGIN", "334 VXNlcm5hbWU6");
        Send(B64("carol@example.com"), "334 UGFzc3dvcmQ6");
        Send(B64("carolpw"), "235 2.7.0 Authentication successful");

        Connect(Outsider, secure: true);
        SecureEhlo();
        Send($"AUTH LOGIN {B64("carol@example.com")}", "334 UGFzc3dvcmQ6");
        Send(B64("carolpw"), "235 2.7.0 Authentication successful");
    }

    [Fact]
    public void Cancel_bad_base64_unknown_mechanism_and_a_proxy_authzid_are_refused()
    {
        Connect(Outsider, secure: true);
        SecureEhlo();
        Send("AUTH LOGIN", "334 VXNlcm5hbWU6");
        Send("*", "501 5.7.0 Authentication aborted");
        Send("AUTH PLAIN", "334 ");
        Send("%%%not base64", "501 5.5.2 Cannot decode response");
        Send("AUTH CRAM-MD5", "504 5.5.4 Unsupported authentication mechanism");
        Send($"AUTH PLAIN {B64("carol@example.com\0bob@example.com\0bobpw")}", "501 5.5.2 Cannot decode response");
        Send("MAIL FROM:<x@remote.test>", "250 2.1.0 Ok"); // the session goes on
    }

    [Fact]
    public void Wrong_passwords_get_535_after_a_delay_and_421_at_the_limit()
    {
        Connect(Outsider, secure: true);
        SecureEhlo();
        for (var i = 0; i < 2; i++)
            Send($"AUTH PLAIN {B64("\0bob@example.com\0wrong")}", "535 5.7.8 Error: authentication failed: authentication failure");
        Send($"AUTH PLAIN {B64("\0nobody@example.com\0x")}",
            "535 5.7.8 Error: authentication failed: authentication failure");
        ExpectReply("421 4.7.0 mx.test Error: too many authentication failures");
        AwaitClosed();
    }

    [Fact]
    public void Failures_from_one_address_across_sessions_block_it()
    {
        AuthFailures = new AuthFailures(limit: 2);
        for (var i = 0; i < 2; i++)
        {
            Connect(Outsider, secure: true);
            SecureEhlo();
            Send($"AUTH PLAIN {B64("\0bob@example.com\0wrong")}", "535 5.7.8 Error: authentication failed: authentication failure");
        }
        Connect(Outsider, secure: true);
        SecureEhlo();
        Send($"AUTH PLAIN {B64("\0bob@example.com\0bobpw")}", "421 4.7.0 mx.test Error: too many authentication failures");
        AwaitClosed();
    }

    [Fact]
    public void Authenticated_client_relays_but_only_as_itself()
    {
        Connect(Outsider, secure: true);
        SecureEhlo();
        Send("MAIL FROM:<bob@example.com>", "250 2.1.0 Ok");
        Send("RCPT TO:<someone@remote.test>", "554 5.7.1 <someone@remote.test>: Relay access denied");
        Send("RSET", "250 2.0.0 Ok");
        Send($"AUTH PLAIN {B64("\0bob@example.com\0bobpw")}", "235 2.7.0 Authentication successful");
        Send("MAIL FROM:<carol@example.com>", "553 5.7.1 <carol@example.com>: Sender address rejected: not owned by user bob@example.com");
        Send("MAIL FROM:<Bob@Example.com>", "250 2.1.0 Ok");
        Send("RCPT TO:<someone@remote.test>", "250 2.1.5 Ok");
        Send("RSET", "250 2.0.0 Ok");
        Send("MAIL FROM:<>", "250 2.1.0 Ok");
    }

    [Fact]
    public void An_alias_that_delivers_to_the_user_may_be_its_sender()
    {
        Directory = Directory.WithAlias("sales@example.com", "bob@example.com", "carol@example.com").WithAlias("boss@example.com", "carol@example.com");
        Connect(Outsider, secure: true);
        SecureEhlo();
        Send($"AUTH PLAIN {B64("\0bob@example.com\0bobpw")}", "235 2.7.0 Authentication successful");
        Send("MAIL FROM:<sales@example.com>", "250 2.1.0 Ok");
        Send("RSET", "250 2.0.0 Ok");
        Send("MAIL FROM:<boss@example.com>", "553 5.7.1 <boss@example.com>: Sender address rejected: not owned by user bob@example.com");
    }
}
