using Mail.Integration.Tests.Clients;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Imap;

/// Python's imaplib, used by countless scripts (offlineimap, getmail, monitoring checks).
public sealed class ImapPythonTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    private const string Script = """
        import imaplib, ssl, sys
        port, tls_port, user = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
        m = imaplib.IMAP4("127.0.0.1", port)
        m.starttls(ssl_context=ssl._create_unverified_context())
        print("login", m.login(user, "secret")[0])
        typ, data = m.select("INBOX")
        print("select", typ, data[0].decode())
        typ, data = m.search(None, "UNSEEN")
        print("search", data[0].decode())
        typ, data = m.fetch("1", "(RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        print("fetch-subject", data[0][1].decode().strip())
        typ, data = m.uid("FETCH", "1:*", "(FLAGS)")
        print("uid-fetch", len(data))
        print("store", m.store("1", "+FLAGS", "\\Deleted")[0])
        print("copy", m.copy("2", "Archive")[0])
        print("expunge", m.expunge()[1])
        typ, data = m.list()
        print("list", sorted(d.decode().split(' "/" ')[1] for d in data))
        print("create", m.create("Work")[0], m.rename("Work", "Job")[0], m.delete("Job")[0])
        print("close", m.close()[0])
        print("logout", m.logout()[0])
        s = imaplib.IMAP4_SSL("127.0.0.1", tls_port, ssl_context=ssl._create_unverified_context())
        s.login(user, "secret")
        print("ssl-select", s.select("Archive", readonly=True)[1][0].decode())
        s.logout()
        """;

    [Fact]
    public async Task Python_imaplib_reads_flags_copies_expunges_and_manages_folders()
    {
        Assert.True(ExternalClient.IsInstalled("python3"), "python3 is required (installed by .ci/run)");
        var user = UniqueAddress("pyimap");
        await Server.AddUserAsync(user, "secret");
        await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "first", "1\r\n"));
        await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "second", "2\r\n"));

        var (exit, stdout, stderr) = await ExternalClient.RunAsync("python3",
            ["-c", Script, Server.ImapPort.ToString(), Server.ImapsPort.ToString(), user], null, Ct);

        Assert.True(exit == 0, stderr + stdout);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("login OK", lines[0]);
        Assert.Equal("select OK 2", lines[1]);
        Assert.Equal("search 1 2", lines[2]);
        Assert.Equal("fetch-subject Subject: first", lines[3]);
        Assert.Equal("uid-fetch 2", lines[4]);
        Assert.Equal("store OK", lines[5]);
        Assert.Equal("copy OK", lines[6]);
        Assert.Equal("expunge [b'1']", lines[7]);
        Assert.Equal("list ['Archive', 'Drafts', 'INBOX', 'Junk', 'Sent', 'Trash']", lines[8].Replace("\"", "", StringComparison.Ordinal));
        Assert.Equal("create OK OK OK", lines[9]);
        Assert.Equal("close OK", lines[10]);
        Assert.Equal("logout BYE", lines[11]);
        Assert.Equal("ssl-select 1", lines[12]);
    }
}
