using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Imap;

/// <summary>
/// The extensions real clients rely on, over the wire: SASL-IR, ENABLE CONDSTORE, ID,
/// NAMESPACE, UNSELECT, UIDPLUS (UID EXPUNGE), ESEARCH, LIST-EXTENDED with SPECIAL-USE and
/// STATUS, QUOTA; and LOGINDISABLED where plain text is not allowed.
/// </summary>
public sealed class ImapExtensionTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    private async Task<(string User, ImapDialog Dialog)> LoggedInWithMailAsync(int messages)
    {
        var user = UniqueAddress("ext");
        await Server.AddUserAsync(user, "secret");
        for (var i = 1; i <= messages; i++)
            await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, $"subject {i}", $"text {i}\r\n"));
        var c = await ImapDialog.ConnectAsync(Server.ImapPort);
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0secret"));
        var (status, _) = await c.CommandAsync($"AUTHENTICATE PLAIN {token}"); // SASL-IR (RFC 4959)
        Assert.StartsWith("OK", status);
        return (user, c);
    }

    [Fact]
    public async Task Id_namespace_enable_and_condstore()
    {
        var (_, c) = await LoggedInWithMailAsync(2);
        await using var _ = c;
        var (_, id) = await c.CommandAsync("ID (\"name\" \"test\")");
        Assert.Contains(id, l => l.StartsWith("* ID (", StringComparison.Ordinal));
        var (_, ns) = await c.CommandAsync("NAMESPACE");
        Assert.Contains("* NAMESPACE ((\"\" \"/\")) NIL NIL", ns);
        var (_, enabled) = await c.CommandAsync("ENABLE CONDSTORE");
        Assert.Contains("* ENABLED CONDSTORE", enabled);
        var (_, select) = await c.CommandAsync("SELECT INBOX");
        var highest = select.Single(l => l.StartsWith("* OK [HIGHESTMODSEQ ", StringComparison.Ordinal));
        var (_, stored) = await c.CommandAsync("STORE 1 +FLAGS (\\Flagged)");
        Assert.Contains(stored, l => l.StartsWith("* 1 FETCH (FLAGS (\\Flagged \\Recent) MODSEQ (", StringComparison.Ordinal));
        var (_, changed) = await c.CommandAsync($"FETCH 1:* (FLAGS) (CHANGEDSINCE {highest.Split(' ')[3].TrimEnd(']')})");
        Assert.Single(changed, l => l.Contains(" FETCH ", StringComparison.Ordinal));
        var (conditional, _) = await c.CommandAsync("STORE 2 (UNCHANGEDSINCE 1) +FLAGS (\\Seen)");
        Assert.StartsWith("OK [MODIFIED 2]", conditional);
    }

    [Fact]
    public async Task Unselect_keeps_deleted_messages_and_uid_expunge_removes_only_the_named_ones()
    {
        var (_, c) = await LoggedInWithMailAsync(3);
        await using var _ = c;
        await c.CommandAsync("SELECT INBOX");
        await c.CommandAsync("STORE 1:3 +FLAGS.SILENT (\\Deleted)");
        Assert.StartsWith("OK", (await c.CommandAsync("UNSELECT")).Status);
        var (_, select) = await c.CommandAsync("SELECT INBOX");
        Assert.Contains("* 3 EXISTS", select);
        var (_, uids) = await c.CommandAsync("UID SEARCH ALL");
        var all = uids.Single(l => l.StartsWith("* SEARCH", StringComparison.Ordinal)).Split(' ')[2..];
        var (expunged, lines) = await c.CommandAsync($"UID EXPUNGE {all[1]}");
        Assert.StartsWith("OK", expunged);
        Assert.Equal(["* 2 EXPUNGE"], lines);
        Assert.StartsWith("OK", (await c.CommandAsync("CLOSE")).Status);
        var (_, status) = await c.CommandAsync("STATUS INBOX (MESSAGES)");
        Assert.Contains("* STATUS \"INBOX\" (MESSAGES 0)", status); // CLOSE expunged the rest silently
    }

    [Fact]
    public async Task Search_keys_and_esearch()
    {
        var (_, c) = await LoggedInWithMailAsync(4);
        await using var _ = c;
        await c.CommandAsync("SELECT INBOX");
        await c.CommandAsync("STORE 2 +FLAGS (\\Answered)");
        Assert.Contains("* SEARCH 2", (await c.CommandAsync("SEARCH ANSWERED")).Untagged);
        Assert.Contains("* SEARCH 1 3 4", (await c.CommandAsync("SEARCH UNANSWERED")).Untagged);
        Assert.Contains("* SEARCH 3", (await c.CommandAsync("SEARCH SUBJECT \"subject 3\"")).Untagged);
        Assert.Contains("* SEARCH 1 4", (await c.CommandAsync("SEARCH OR SUBJECT \"subject 1\" BODY \"text 4\"")).Untagged);
        Assert.Contains("* SEARCH 2 3", (await c.CommandAsync("SEARCH 2:3 NOT FLAGGED")).Untagged);
        Assert.Contains("* SEARCH 1 2 3 4", (await c.CommandAsync("SEARCH FROM s@remote.test SINCE 1-Jan-2020 LARGER 10")).Untagged);
        Assert.Contains("* SEARCH", (await c.CommandAsync("SEARCH HEADER Message-ID nonexistent")).Untagged);
        Assert.Contains("* SEARCH 1 2 3 4", (await c.CommandAsync("SEARCH CHARSET UTF-8 TEXT \"remote\"")).Untagged);
        Assert.StartsWith("NO [BADCHARSET", (await c.CommandAsync("SEARCH CHARSET KOI8-R ALL")).Status);
        var (_, esearch) = await c.CommandAsync("SEARCH RETURN (MIN MAX COUNT) ALL");
        Assert.Contains(esearch, l => l.StartsWith("* ESEARCH (TAG ", StringComparison.Ordinal) && l.EndsWith("MIN 1 MAX 4 COUNT 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_extended_special_use_status_and_quota()
    {
        var (_, c) = await LoggedInWithMailAsync(1);
        await using var _ = c;
        var (_, special) = await c.CommandAsync("LIST (SPECIAL-USE) \"\" \"*\"");
        Assert.Equal(5, special.Count(l => l.StartsWith("* LIST", StringComparison.Ordinal)));
        var (_, withStatus) = await c.CommandAsync("LIST \"\" \"INBOX\" RETURN (STATUS (MESSAGES UIDNEXT))");
        Assert.Contains("* STATUS \"INBOX\" (MESSAGES 1 UIDNEXT 2)", withStatus);
        var (_, subscribed) = await c.CommandAsync("LIST \"\" \"Sent\" RETURN (SUBSCRIBED)");
        Assert.Contains(subscribed, l => l.Contains("\\Subscribed", StringComparison.Ordinal));
        Assert.StartsWith("OK", (await c.CommandAsync("CREATE Receipts (USE (\\Archive))")).Status);
        var (quota, roots) = await c.CommandAsync("GETQUOTAROOT INBOX");
        Assert.StartsWith("OK", quota);
        Assert.Contains(roots, l => l.StartsWith("* QUOTAROOT \"INBOX\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_tls_and_with_plaintext_never_logins_are_disabled()
    {
        var server = await StartServerAsync(new MaildOptions { Config = "maild.imap.plaintext-auth = never\n" });
        await using var c = await ImapDialog.ConnectAsync(server.ImapPort);
        Assert.Contains("LOGINDISABLED", c.Greeting);
        Assert.DoesNotContain("AUTH=PLAIN", c.Greeting);
        Assert.StartsWith("NO [PRIVACYREQUIRED]", (await c.CommandAsync("LOGIN a@example.test b")).Status);
        Assert.StartsWith("NO [PRIVACYREQUIRED]", (await c.CommandAsync("AUTHENTICATE PLAIN AGEAYg==")).Status);
    }

    [Fact]
    public async Task Pipelined_commands_are_answered_in_order()
    {
        var (_, c) = await LoggedInWithMailAsync(2);
        await using var _ = c;
        await c.SendRawAsync("p1 SELECT INBOX\r\np2 FETCH 1:2 (UID)\r\np3 NOOP\r\np4 STATUS Trash (MESSAGES)\r\n");
        Assert.StartsWith("OK", (await c.ReadUntilTaggedAsync("p1")).Status);
        var (fetch, lines) = await c.ReadUntilTaggedAsync("p2");
        Assert.StartsWith("OK", fetch);
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("OK", (await c.ReadUntilTaggedAsync("p3")).Status);
        Assert.Contains("* STATUS \"Trash\" (MESSAGES 0)", (await c.ReadUntilTaggedAsync("p4")).Untagged);
    }

    [Fact]
    public async Task Quota_is_reported_and_enforced_at_append_and_at_delivery()
    {
        var server = await StartServerAsync(new MaildOptions { Config = "maild.mailbox.quota = 4K\n" });
        var user = UniqueAddress("quota");
        await server.AddUserAsync(user, "secret");
        await using var c = await ImapDialog.LoginAsync(server.ImapPort, user, "secret");
        var small = "Subject: s\r\n\r\n" + new string('x', 1000) + "\r\n";
        await c.SendRawAsync($"q1 APPEND INBOX {{{small.Length}+}}\r\n{small}\r\n");
        Assert.StartsWith("OK", (await c.ReadUntilTaggedAsync("q1")).Status);
        var (_, roots) = await c.CommandAsync("GETQUOTAROOT INBOX");
        Assert.Contains("* QUOTAROOT \"INBOX\" \"\"", roots);
        Assert.Contains("* QUOTA \"\" (STORAGE 1 4)", roots);

        var big = "Subject: b\r\n\r\n" + new string('y', 4000) + "\r\n";
        await c.SendRawAsync($"q2 APPEND INBOX {{{big.Length}+}}\r\n{big}\r\n");
        Assert.StartsWith("NO [OVERQUOTA]", (await c.ReadUntilTaggedAsync("q2")).Status);

        // Delivery over the limit is accepted by SMTP and deferred in the queue ("Mailbox full"), not lost.
        await MailKitClients.SendAsync(server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "too big", new string('z', 5000) + "\r\n"));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && !server.Log.Contains("4.2.2", StringComparison.Ordinal))
            await Task.Delay(100, Ct);
        Assert.Contains("Mailbox full", server.Log, StringComparison.Ordinal);
        var (_, status) = await c.CommandAsync("STATUS INBOX (MESSAGES)");
        Assert.Contains("* STATUS \"INBOX\" (MESSAGES 1)", status);
    }
}
