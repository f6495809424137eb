using System.Text;
using Mail.Actors.Pop3;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Pop3;

/// AUTHORIZATION state: CAPA, USER/PASS, AUTH PLAIN, refusals, plaintext policy, the maildrop lock.
public sealed class Pop3AuthorizationTests(ITestOutputHelper output) : Pop3Dialogue(output)
{
    private static readonly string[] TransactionVerbs = ["STAT", "LIST", "UIDL", "RETR", "TOP", "DELE", "RSET", "NOOP", "CAPA", "QUIT"];

    [Fact]
    public void Capa_on_loopback_offers_user_and_sasl_plain()
    {
        var client = Connect();

        client.Send("CAPA", "+OK Capability list follows",
            "TOP", "UIDL", "USER", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "SASL PLAIN", "IMPLEMENTATION maild", ".");
    }

    // RFC 2449 section 5: what AUTHORIZATION offers is announced in TRANSACTION too (the
    // registry lists USER and SASL as "both / no differences").
    [Fact]
    public void Capa_after_login_announces_what_authorization_offered()
    {
        var client = Connect();
        client.Login();

        client.Send("CAPA", "+OK Capability list follows",
            "TOP", "UIDL", "USER", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "SASL PLAIN", "IMPLEMENTATION maild", ".");
    }

    [Fact]
    public void Wrong_password_is_err_auth_and_the_client_may_try_again()
    {
        var client = Connect();

        client.Send("USER bob@example.com", "+OK");
        client.Send("PASS wrong", "-ERR [AUTH] Authentication failed.");
        client.Send("USER nobody@example.com", "+OK"); // USER never reveals whether the user exists
        client.Send("PASS bobpw", "-ERR [AUTH] Authentication failed.");

        client.Login();
    }

    [Fact]
    public void Auth_plain_with_initial_response_logs_in()
    {
        var client = Connect();
        var response = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0bob@example.com\0bobpw"));

        client.Send("AUTH PLAIN " + response, "+OK Logged in.");
        client.Send("STAT", "+OK 0 0");
    }

    [Fact]
    public void Auth_plain_with_a_continuation_logs_in()
    {
        var client = Connect();

        client.Send("AUTH PLAIN", "+ ");
        client.Send(Convert.ToBase64String(Encoding.UTF8.GetBytes("\0bob@example.com\0bobpw")), "+OK Logged in.");
    }

    [Fact]
    public void Commands_in_the_wrong_state_are_err_with_the_expected_verbs()
    {
        var client = Connect();

        client.Send("STAT", "-ERR STAT not valid in AUTHORIZATION state, expected USER/APOP/AUTH/STLS/CAPA/QUIT");
        client.Send("PASS bobpw", "-ERR PASS must follow a successful USER");
        client.Send("USER bob@example.com", "+OK");
        client.Send("NOOP", "-ERR NOOP not valid in AUTHORIZATION state, expected USER/PASS/APOP/AUTH/STLS/CAPA/QUIT");
        client.Send("PASS bobpw", "-ERR PASS must follow a successful USER"); // NOOP broke the USER/PASS pair
        client.Login();
        client.Send("USER bob@example.com", $"-ERR USER not valid in TRANSACTION state, expected {string.Join('/', TransactionVerbs)}");
        client.Send("FROB", "-ERR unknown command");
    }

    [Fact]
    public void Plaintext_login_is_refused_from_a_non_loopback_address_without_tls()
    {
        Settings = Settings with { PlaintextAuth = PlaintextAuth.Loopback };
        var client = Connect(RecordingConnection.Internet);

        client.Send("CAPA", "+OK Capability list follows",
            "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "IMPLEMENTATION maild", ".");
        client.Send("USER bob@example.com",
            "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
        client.Send("AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0bob@example.com\0bobpw")),
            "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
        client.Send("PASS bobpw", "-ERR PASS must follow a successful USER");
    }

    [Fact]
    public void Plaintext_login_from_a_non_loopback_address_is_fine_over_tls()
    {
        Settings = Settings with { PlaintextAuth = PlaintextAuth.Loopback };
        var client = Connect(RecordingConnection.Internet, secure: true);

        client.Login();
    }

    [Fact]
    public void Quit_in_authorization_closes_without_touching_a_mailbox()
    {
        var client = Connect();

        client.Send("QUIT", "+OK Logging out.");

        client.AwaitClosed();
    }

    [Fact]
    public async Task Second_session_gets_in_use_until_the_first_is_gone()
    {
        await SeedBob();
        var first = Connect();
        first.Login();
        var second = Connect();
        second.Send("USER bob@example.com", "+OK");
        second.Send("PASS bobpw", "-ERR [IN-USE] Mailbox is locked by another POP3 session.");

        first.Drop();

        // The mailbox learns of the death through DeathWatch, asynchronously: retry the login.
        AwaitAssertion(() =>
        {
            second.Send("USER bob@example.com", "+OK");
            second.Send("PASS bobpw", "+OK Logged in.");
        });
        second.Send("STAT", $"+OK 2 {Size1 + Size2}");
    }

    // Regression: Login once read Self after an await, so an async directory broke every login.
    [Fact]
    public void Login_works_with_a_directory_that_completes_asynchronously()
    {
        Directory = new InMemoryDirectory { Yield = true }.WithUser(Bob, "bobpw");
        var client = Connect();

        client.Login();
    }

    [Fact]
    public void Wrong_password_with_an_asynchronous_directory_is_still_err_auth()
    {
        Directory = new InMemoryDirectory { Yield = true }.WithUser(Bob, "bobpw");
        var client = Connect();

        client.Send("USER bob@example.com", "+OK");
        client.Send("PASS wrong", "-ERR [AUTH] Authentication failed.");
    }
}
