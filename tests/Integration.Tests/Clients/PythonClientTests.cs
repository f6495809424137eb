using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Clients;

/// <summary>
/// Python's smtplib and poplib, the clients countless scripts and monitoring checks use:
/// send with smtplib (EHLO, pipelined envelope, dot-stuffing done by the library), read back
/// with poplib (USER/PASS, STAT, LIST, UIDL, RETR, TOP, DELE, QUIT).
/// </summary>
public sealed class PythonClientTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    private const string Script = """
        import smtplib, poplib, sys
        smtp_port, pop_port, user = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
        body = "Subject: from python\r\nMessage-ID: <py-1@client.test>\r\n\r\nfirst line\r\n.leading dot\r\n..two dots\r\nlast\r\n"
        s = smtplib.SMTP("127.0.0.1", smtp_port)
        code, _ = s.ehlo("client.test")
        refused = s.sendmail("py@remote.test", [user, "nobody@example.test"], body)
        print("ehlo", code)
        print("refused", sorted(refused.items()))
        s.quit()
        p = poplib.POP3("127.0.0.1", pop_port)
        p.user(user); p.pass_("secret")
        print("stat", p.stat())
        print("list", p.list()[1])
        resp, lines, octets = p.retr(1)
        text = b"\r\n".join(lines).decode()
        print("retr-has-return-path", text.startswith("Return-Path: <py@remote.test>"))
        print("body", text.split("\r\n\r\n", 1)[1].split("\r\n"))
        print("top0", [l.decode() for l in p.top(1, 0)[1] if l.startswith(b"Subject")])
        print("uidl", len(p.uidl()[1]))
        print("dele", p.dele(1).decode())
        print("quit", p.quit().decode())
        p = poplib.POP3("127.0.0.1", pop_port)
        p.user(user); p.pass_("secret")
        print("after", p.stat())
        p.quit()
        """;

    [Fact]
    public async Task Python_smtplib_sends_and_poplib_reads_back_and_deletes()
    {
        Assert.True(ExternalClient.IsInstalled("python3"), "python3 is required (installed by .ci/run)");
        var user = UniqueAddress("py");
        await Server.AddUserAsync(user, "secret");

        var (exit, stdout, stderr) = await ExternalClient.RunAsync("python3",
            ["-c", Script, Server.SmtpPort.ToString(), Server.Pop3Port.ToString(), user], null, Ct);

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ehlo 250", lines[0]);
        Assert.StartsWith("refused [('nobody@example.test', (550, b'5.1.1 <nobody@example.test>: Recipient address rejected", lines[1]);
        Assert.StartsWith("stat (1, ", lines[2]);
        Assert.Equal("retr-has-return-path True", lines[4]);
        Assert.Equal("body ['first line', '.leading dot', '..two dots', 'last']", lines[5]);
        Assert.Equal("top0 ['Subject: from python']", lines[6]);
        Assert.Equal("uidl 1", lines[7]);
        Assert.Equal("dele +OK Marked to be deleted.", lines[8]);
        Assert.Equal("quit +OK Logging out.", lines[9]);
        Assert.Equal("after (0, 0)", lines[10]);
    }
}
