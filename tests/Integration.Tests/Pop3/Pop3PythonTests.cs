using Mail.Integration.Tests.Clients;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Pop3;

/// <summary>
/// Python's poplib, which monitoring checks and fetch scripts use: CAPA before and after
/// STLS, USER/PASS over TLS, STAT, UIDL, TOP, RETR, DELE and QUIT, then POP3_SSL on the pop3s
/// port to see the deletion committed; RPOP and APOP are refused.
/// </summary>
public sealed class Pop3PythonTests(TlsOnlyPop3Maild shared) : MaildTestBase, IClassFixture<TlsOnlyPop3Maild>
{
    private const string Script = """
        import poplib, ssl, sys
        port, pop3s, user = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
        ctx = ssl._create_unverified_context()
        p = poplib.POP3("127.0.0.1", port)
        print("capa-before", sorted(p.capa()))
        try:
            p.user(user)
        except poplib.error_proto as e:
            print("user-before", e.args[0].decode())
        print("stls", p.stls(context=ctx).decode(), p.sock.version().startswith("TLSv1."))
        caps = p.capa()
        print("capa-after", sorted(caps), caps.get("SASL"))
        try:
            p.rpop(user)
        except poplib.error_proto as e:
            print("rpop", e.args[0].decode())
        p.user(user); p.pass_("secret")
        print("stat", p.stat()[0])
        uidl = p.uidl()[1]
        print("uidl", len(uidl), len(set(u.split()[1] for u in uidl)))
        print("uidl-1", p.uidl(1).split()[2] == uidl[0].split()[1])
        top = p.top(2, 1)[1]
        print("top", [l.decode() for l in top if l.startswith(b"Subject") or l.startswith(b"body")])
        retr = p.retr(1)[1]
        print("retr", [l.decode() for l in retr if l.startswith(b"Subject") or l.startswith(b".")])
        print("dele", p.dele(1).decode())
        try:
            p.retr(1)
        except poplib.error_proto as e:
            print("retr-deleted", e.args[0].decode())
        print("quit", p.quit().decode())
        s = poplib.POP3_SSL("127.0.0.1", pop3s, context=ctx)
        print("capa-pop3s", "STLS" in s.capa(), "USER" in s.capa())
        try:
            s.apop(user, "secret")
        except poplib.error_proto as e:
            print("apop", e.args[0])
        s.user(user); s.pass_("secret")
        print("after", s.stat()[0], s.uidl()[1][0].split()[1] == uidl[1].split()[1])
        s.quit()
        """;

    [Fact]
    public async Task Poplib_stls_login_read_delete_and_pop3_ssl_sees_the_deletion()
    {
        Assert.True(ExternalClient.IsInstalled("python3"), "python3 is required (installed by .ci/run)");
        Watch(shared.Server);
        var user = await shared.UserWithMessagesAsync("py3", "first", "second");

        var (exit, stdout, stderr) = await ExternalClient.RunAsync("python3",
            ["-c", Script, shared.Server.Pop3Port.ToString(), shared.Server.Pop3sPort.ToString(), user], null, Ct);

        Assert.True(exit == 0, stdout + stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([
            "capa-before ['AUTH-RESP-CODE', 'IMPLEMENTATION', 'PIPELINING', 'RESP-CODES', 'STLS', 'TOP', 'UIDL']",
            "user-before -ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
            "stls +OK Begin TLS negotiation True",
            "capa-after ['AUTH-RESP-CODE', 'IMPLEMENTATION', 'PIPELINING', 'RESP-CODES', 'SASL', 'TOP', 'UIDL', 'USER'] ['PLAIN']",
            "rpop -ERR unknown command",
            "stat 2",
            "uidl 2 2",
            "uidl-1 True",
            "top ['Subject: second', 'body of second']",
            "retr ['Subject: first', '.dot line']",
            "dele +OK Marked to be deleted.",
            "retr-deleted -ERR message 1 already deleted",
            "quit +OK Logging out.",
            "capa-pop3s False True",
            "apop -ERR APOP not supported by server",
            "after 1 True",
        ], lines);
    }
}
