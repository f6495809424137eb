using System.Text;
using Mail.Actors.Connections;
using Mail.Actors.Mailbox;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Pop3;

/// <summary>
/// RFC 1939 and RFC 2449 command by command where the other dialogue tests leave gaps: AUTH
/// variants (RFC 5034), APOP refused, deleted messages refused by every command that names
/// one, and the response codes of RFC 2449 section 8 / RFC 3206 ([AUTH], [SYS/TEMP], [SYS/PERM]).
/// </summary>
public sealed class Pop3RfcCoverageTests(ITestOutputHelper output) : Pop3Dialogue(output)
{
    private static string Plain(string authcid, string password, string authzid = "") =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{authzid}\0{authcid}\0{password}"));

    [Fact]
    public void Auth_without_a_mechanism_lists_plain_and_an_unknown_mechanism_is_err()
    {
        var client = Connect();

        client.Send("AUTH", "+OK", "PLAIN", ".");
        client.Send("AUTH CRAM-MD5", "-ERR Unsupported authentication mechanism.");
        client.Send("AUTH PLAIN!", "-ERR syntax error");
    }

    [Fact]
    public void Auth_plain_failures_are_err_auth_and_a_cancel_is_plain_err()
    {
        var client = Connect();

        client.Send("AUTH PLAIN " + Plain(Bob, "wrong"), "-ERR [AUTH] Authentication failed.");
        client.Send("AUTH PLAIN", "+ ");
        client.Send("*", "-ERR Authentication aborted.");
        client.Send("AUTH PLAIN =", "-ERR [AUTH] Authentication failed.");
        client.Send("AUTH PLAIN " + Plain(Bob, "bobpw", authzid: "alice@example.com"), "-ERR [AUTH] Authentication failed.");
        client.Send("AUTH PLAIN", "+ ");
        client.Send("AAAA=", "-ERR syntax error"); // not base64 at all: the receiver refuses the line
        client.Send("AUTH PLAIN " + Plain(Bob, "bobpw", authzid: Bob), "+OK Logged in.");
    }

    // Regression: a malformed continuation line used to leave the session reading SASL
    // responses, so every following command was taken for one.
    [Fact]
    public void A_malformed_sasl_response_ends_the_exchange()
    {
        var client = Connect();

        client.Send("AUTH PLAIN", "+ ");
        client.Send("not base64!", "-ERR syntax error");

        client.Send("CAPA", "+OK Capability list follows",
            "TOP", "UIDL", "USER", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "SASL PLAIN", "IMPLEMENTATION maild", ".");
    }

    [Fact]
    public void Apop_is_not_offered_and_refused()
    {
        var client = Connect();

        client.Send("APOP bob@example.com c4c9334bac560ecc979e58001b3e22fb", "-ERR APOP not supported.");
        client.Send("APOP bob@example.com nodigest", "-ERR syntax error");
    }

    [Fact]
    public async Task A_message_marked_deleted_is_refused_by_every_command_naming_it_and_left_out_of_listings()
    {
        await SeedBob();
        var client = Connect();
        client.Login();

        client.Send("DELE 1", "+OK Marked to be deleted.");

        client.Send("RETR 1", "-ERR message 1 already deleted");
        client.Send("TOP 1 0", "-ERR message 1 already deleted");
        client.Send("LIST 1", "-ERR message 1 already deleted");
        client.Send("UIDL 1", "-ERR message 1 already deleted");
        client.Send("LIST", $"+OK 1 messages ({Size2} octets)", $"2 {Size2}", ".");
        client.Send("TOP 2 5", "+OK", "Subject: two", "", "body", ".");
        client.Send("TOP 0 1", "-ERR invalid message number");
        client.Send("TOP 2 -1", "-ERR invalid line count");
        client.Send("LIST 0", "-ERR invalid message number");
    }

    [Fact]
    public async Task Idle_timeout_closes_with_err_and_commits_no_deletion()
    {
        // The keep-alive to the mailbox ticks faster than the timeout: it must not count as activity.
        Settings = Settings with { IdleTimeout = TimeSpan.FromSeconds(1), MaildropKeepAlive = TimeSpan.FromMilliseconds(200) };
        await SeedBob();
        var client = Connect();
        client.Login();
        client.Send("DELE 1", "+OK Marked to be deleted.");

        client.Expect("-ERR Disconnected for inactivity.");
        client.AwaitClosed();

        client.Drop();
        var status = await Region.AskFor<MailboxStatus>(new GetMailboxStatus(Bob));
        Assert.Equal(2, status.Count);
    }

    [Fact]
    public void A_mailbox_that_does_not_answer_in_time_is_sys_temp()
    {
        Settings = Settings with { MailboxTimeout = TimeSpan.FromMilliseconds(300) };
        var silentMailbox = CreateTestProbe();
        var client = Connect(mailboxes: silentMailbox);

        client.Send("USER bob@example.com", "+OK");
        client.Send("PASS bobpw", "-ERR [SYS/TEMP] Temporary failure, try again later.");
        silentMailbox.ExpectMsg<OpenMaildrop>(cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_body_that_is_gone_is_sys_perm_and_one_that_cannot_be_read_is_sys_temp()
    {
        await SeedBob();
        var client = Connect();
        client.Login();
        var one = Assert.Single(System.IO.Directory.GetFiles(Folder.Path, "QONE.0", SearchOption.AllDirectories));
        var two = Assert.Single(System.IO.Directory.GetFiles(Folder.Path, "QTWO.0", SearchOption.AllDirectories));

        File.Delete(one);
        File.Delete(two);
        System.IO.Directory.CreateDirectory(two); // a path that exists but cannot be read as a file

        client.Send("RETR 1", "-ERR [SYS/PERM] Message no longer available.");
        client.Send("TOP 2 0", "-ERR [SYS/TEMP] Message unavailable, try again later.");
        client.Send("NOOP", "+OK"); // a command failure: the session carries on
    }

    [Fact]
    public void Repeated_failures_from_one_address_lock_it_out_with_sys_temp_even_with_the_right_password()
    {
        AuthFailures = new AuthFailures(limit: 2);
        var client = Connect(RecordingConnection.Internet, secure: true);
        client.Send("USER bob@example.com", "+OK");
        client.Send("PASS wrong1", "-ERR [AUTH] Authentication failed.");
        client.Send("USER bob@example.com", "+OK");
        client.Send("PASS wrong2", "-ERR [AUTH] Authentication failed.");

        var again = Connect(RecordingConnection.Internet, secure: true);
        again.Send("USER bob@example.com", "+OK");
        again.Send("PASS bobpw", "-ERR [SYS/TEMP] Too many authentication failures, try again later.");
        again.AwaitClosed();

        Connect(RecordingConnection.Loopback).Login(); // another address is not affected
    }

    [Fact]
    public async Task Shutdown_during_a_login_answers_the_login_then_says_goodbye_without_update()
    {
        await SeedBob();
        Directory = new InMemoryDirectory { Yield = true }.WithUser(Bob, "bobpw");
        var client = Connect();
        client.Login();
        client.Send("DELE 1", "+OK Marked to be deleted.");

        client.Write("RETR 2\r\n");
        client.Session.Tell(ServerShuttingDown.Instance, Akka.Actor.ActorRefs.NoSender);

        client.Expect($"+OK {Size2} octets", "Subject: two", "", "body", ".");
        client.Expect("-ERR [SYS/TEMP] Server shutting down.");
        client.AwaitClosed();
        client.Drop();
        Assert.Equal(2, (await Region.AskFor<MailboxStatus>(new GetMailboxStatus(Bob))).Count);
    }
}
