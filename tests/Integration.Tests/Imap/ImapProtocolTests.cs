using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Imap;

/// <summary>
/// The wire details a client library hides: literals with continuation, LITERAL+, the
/// responses of SELECT, STATUS, LIST, bad syntax and commands in the wrong state.
/// </summary>
public sealed class ImapProtocolTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    [Fact]
    public async Task Greeting_capabilities_and_state_errors()
    {
        await using var c = await ImapDialog.ConnectAsync(Server.ImapPort);
        Assert.Contains("IMAP4rev1", c.Greeting);
        var (status, caps) = await c.CommandAsync("CAPABILITY");
        Assert.StartsWith("OK", status);
        Assert.Contains(caps, l => l.Contains("STARTTLS", StringComparison.Ordinal) && l.Contains("AUTH=PLAIN", StringComparison.Ordinal));
        Assert.StartsWith("BAD", (await c.CommandAsync("SELECT INBOX")).Status);
        Assert.StartsWith("BAD", (await c.CommandAsync("FROB")).Status);
        Assert.StartsWith("NO [AUTHENTICATIONFAILED]", (await c.CommandAsync("LOGIN nobody@example.test wrong")).Status);
    }

    [Fact]
    public async Task Login_with_synchronizing_literals_and_append_with_literal_plus()
    {
        var user = UniqueAddress("lit");
        await Server.AddUserAsync(user, "p a\"ss");
        await using var c = await ImapDialog.ConnectAsync(Server.ImapPort);
        await c.SendRawAsync($"x1 LOGIN {{{user.Length}}}\r\n");
        Assert.StartsWith("+", await c.ReadLineAsync());
        await c.SendRawAsync($"{user} {{6}}\r\n");
        Assert.StartsWith("+", await c.ReadLineAsync());
        await c.SendRawAsync("p a\"ss\r\n");
        Assert.StartsWith("OK", (await c.ReadUntilTaggedAsync("x1")).Status);

        var message = "Subject: appended\r\n\r\nline\r\n";
        await c.SendRawAsync($"x2 APPEND INBOX (\\Seen) {{{message.Length}+}}\r\n{message}\r\n");
        var (appended, _) = await c.ReadUntilTaggedAsync("x2");
        Assert.Matches(@"^OK \[APPENDUID \d+ 1\]", appended);

        var (_, select) = await c.CommandAsync("SELECT INBOX");
        Assert.Contains("* 1 EXISTS", select);
        Assert.Contains(select, l => l.StartsWith("* OK [UIDVALIDITY ", StringComparison.Ordinal));
        Assert.Contains(select, l => l.StartsWith("* OK [UIDNEXT 2]", StringComparison.Ordinal));
        Assert.Contains(select, l => l.StartsWith("* FLAGS (", StringComparison.Ordinal));
        var (fetched, lines) = await c.CommandAsync("FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY.PEEK[TEXT]<0.2>)");
        Assert.StartsWith("OK", fetched);
        var line = Assert.Single(lines);
        Assert.Contains("FLAGS (\\Seen \\Recent)", line); // this session is the first to see it
        Assert.Contains("BODY[HEADER.FIELDS (SUBJECT)] {21}\r\nSubject: appended\r\n\r\n", line);
        Assert.Contains("BODY[TEXT]<0> {2}\r\nli", line);

        // BODY[] without PEEK sets \Seen and says so in the same response (RFC 3501 6.4.5).
        await c.CommandAsync("STORE 1 -FLAGS.SILENT (\\Seen)");
        var (_, body) = await c.CommandAsync("FETCH 1 BODY[]");
        Assert.Contains(body, l => l.Contains("FLAGS (\\Seen \\Recent)", StringComparison.Ordinal) && l.Contains("Subject: appended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_list_and_lsub_report_the_folders()
    {
        var user = UniqueAddress("list");
        await Server.AddUserAsync(user, "secret");
        await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "one", "1\r\n"));
        await using var c = await ImapDialog.LoginAsync(Server.ImapPort, user, "secret");
        var (_, status) = await c.CommandAsync("STATUS INBOX (MESSAGES UNSEEN UIDNEXT)");
        Assert.Contains("* STATUS \"INBOX\" (MESSAGES 1 UNSEEN 1 UIDNEXT 2)", status);
        var (_, list) = await c.CommandAsync("LIST \"\" \"*\"");
        Assert.Contains(list, l => l.StartsWith("* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"", StringComparison.Ordinal));
        Assert.Contains(list, l => l.EndsWith("\"INBOX\"", StringComparison.Ordinal));
        var (_, root) = await c.CommandAsync("LIST \"\" \"\"");
        Assert.Contains("* LIST (\\Noselect) \"/\" \"\"", root);
        Assert.StartsWith("OK", (await c.CommandAsync("CREATE a/b")).Status);
        var (_, percent) = await c.CommandAsync("LIST \"\" \"%\"");
        Assert.Contains(percent, l => l.StartsWith("* LIST (\\HasChildren) \"/\" \"a\"", StringComparison.Ordinal));
        Assert.DoesNotContain(percent, l => l.EndsWith("\"a/b\"", StringComparison.Ordinal));
        var (_, lsub) = await c.CommandAsync("LSUB \"\" \"*\"");
        Assert.Contains(lsub, l => l.EndsWith("\"Trash\"", StringComparison.Ordinal));
        Assert.StartsWith("OK", (await c.CommandAsync("SELECT INBOX")).Status);
        Assert.StartsWith("NO [TRYCREATE]", (await c.CommandAsync("COPY 1 nothere")).Status);
    }
}
