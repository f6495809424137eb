using Akka.Actor;
using Mail.Actors.Connections;
using Mail.Actors.Pop3;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Pop3;

/// <summary>
/// STLS as the session sees it (RFC 2595 section 4): the test plays the pump, answering the
/// session's StartTls with TlsEstablished or TlsFailed.
/// </summary>
public sealed class Pop3StlsTests(ITestOutputHelper output) : Pop3Dialogue(output)
{
    private static readonly string[] CapaBeforeTlsOffInternet =
        ["+OK Capability list follows", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "STLS", "IMPLEMENTATION maild", "."];

    private static readonly string[] CapaAfterTls =
        ["+OK Capability list follows", "TOP", "UIDL", "USER", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "SASL PLAIN", "IMPLEMENTATION maild", "."];

    private Client ConnectFromInternet()
    {
        Settings = Settings with { PlaintextAuth = PlaintextAuth.Loopback };
        return Connect(RecordingConnection.Internet, canStartTls: true);
    }

    [Fact]
    public void Before_tls_capa_offers_stls_but_no_login_and_after_it_login_but_no_stls()
    {
        var client = ConnectFromInternet();
        client.Send("CAPA", CapaBeforeTlsOffInternet);

        client.Send("STLS", "+OK Begin TLS negotiation");
        AwaitAssertion(() => Assert.Equal(1, client.Connection.StartTlsCalls));
        client.Handshake();

        client.Send("CAPA", CapaAfterTls);
        client.Login();
        client.Send("CAPA", CapaAfterTls); // the same in TRANSACTION (RFC 2449 section 5)
        client.Send("STAT", "+OK 0 0");
    }

    [Fact]
    public void Login_before_tls_is_refused_with_auth_code_and_plaintext_policy_always_allows_it()
    {
        var client = ConnectFromInternet();
        client.Send("USER bob@example.com", "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
        client.Send("AUTH", "+OK", ".");

        Settings = Settings with { PlaintextAuth = PlaintextAuth.Always };
        var always = Connect(RecordingConnection.Internet, canStartTls: true);
        always.Send("CAPA", "+OK Capability list follows",
            "TOP", "UIDL", "USER", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "SASL PLAIN", "STLS", "IMPLEMENTATION maild", ".");
        always.Login();
    }

    [Theory]
    [InlineData("USER bob@example.com\r\nPASS bobpw\r\n")]
    [InlineData("CAPA\r\n")]
    [InlineData("AUTH PLAIN AGJvYkBleGFtcGxlLmNvbQBib2Jwdw==\r\nSTAT\r\n")]
    public void Commands_pipelined_behind_stls_are_discarded_CVE_2011_0411(string injected)
    {
        var client = ConnectFromInternet();

        client.Write("STLS\r\n" + injected);
        client.Expect("+OK Begin TLS negotiation");
        client.ExpectNothing();
        client.Handshake();
        client.ExpectNothing();

        client.Send("STAT", "-ERR STAT not valid in AUTHORIZATION state, expected USER/APOP/AUTH/STLS/CAPA/QUIT");
    }

    [Fact]
    public void Plaintext_read_while_the_handshake_is_pending_is_discarded_and_a_user_given_before_is_forgotten()
    {
        var client = Connect(canStartTls: true);
        client.Send("USER bob@example.com", "+OK");
        client.Send("STLS", "+OK Begin TLS negotiation");

        client.Write("PASS bobpw\r\n");
        client.ExpectNothing();
        client.Handshake();
        client.ExpectNothing();

        client.Send("PASS bobpw", "-ERR PASS must follow a successful USER");
    }

    [Fact]
    public void Stls_is_err_when_tls_is_active_or_not_configured_and_invalid_after_login()
    {
        var secure = Connect(secure: true, canStartTls: false);
        secure.Send("STLS", "-ERR TLS already active.");

        var plain = Connect(canStartTls: false);
        plain.Send("CAPA", "+OK Capability list follows",
            "TOP", "UIDL", "USER", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "SASL PLAIN", "IMPLEMENTATION maild", ".");
        plain.Send("STLS", "-ERR TLS not available.");

        var upgraded = Connect(canStartTls: true);
        upgraded.Send("STLS", "+OK Begin TLS negotiation");
        upgraded.Handshake();
        upgraded.Send("STLS", "-ERR TLS already active.");
        upgraded.Login();
        upgraded.Send("STLS", "-ERR STLS not valid in TRANSACTION state, expected STAT/LIST/UIDL/RETR/TOP/DELE/RSET/NOOP/CAPA/QUIT");
    }

    [Fact]
    public void A_failed_handshake_closes_the_connection()
    {
        var client = Connect(canStartTls: true);
        client.Send("STLS", "+OK Begin TLS negotiation");

        client.Session.Tell(new TlsFailed("no shared cipher"), ActorRefs.NoSender);

        client.AwaitClosed();
    }

    [Fact]
    public void Implicit_tls_needs_no_stls_and_allows_login_from_anywhere()
    {
        Settings = Settings with { PlaintextAuth = PlaintextAuth.Never };
        var client = Connect(RecordingConnection.Internet, secure: true);
        client.Handshake(); // on 995 the pump reports the handshake that preceded the greeting

        client.Send("CAPA", CapaAfterTls);
        client.Login();
    }
}
