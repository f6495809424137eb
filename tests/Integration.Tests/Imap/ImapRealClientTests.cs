using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Imap;

/// <summary>
/// What real clients do first: MailKit's "everything plus a preview" fetch and a nested search,
/// SORT and THREAD refused cleanly, and Thunderbird's startup sequence over the raw wire
/// (CAPABILITY, ID, LIST with RETURN, LSUB, STATUS of every folder, SELECT (CONDSTORE), UID FETCH).
/// </summary>
public sealed class ImapRealClientTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    [Fact]
    public async Task MailKit_fetch_all_with_preview_and_a_nested_search()
    {
        var user = UniqueAddress("mk");
        await Server.AddUserAsync(user, "secret");
        for (var i = 1; i <= 3; i++)
            await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("sender@remote.test", user, $"report {i}", $"preview text number {i}\r\n"));
        using var client = new ImapClient { Timeout = 60_000 };
        await client.ConnectAsync("127.0.0.1", Server.ImapPort, SecureSocketOptions.None, Ct);
        await client.AuthenticateAsync(user, "secret", Ct);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite, Ct);

        var all = await inbox.FetchAsync(0, -1, MessageSummaryItems.All | MessageSummaryItems.UniqueId | MessageSummaryItems.PreviewText, Ct);
        Assert.Equal(3, all.Count);
        Assert.All(all, s => Assert.StartsWith("preview text number", s.PreviewText));
        Assert.All(all, s => Assert.NotNull(s.Body));
        Assert.Equal("report 2", all[1].Envelope?.Subject);

        await inbox.AddFlagsAsync(all[0].UniqueId, MessageFlags.Seen, true, Ct);
        var query = SearchQuery.Or(SearchQuery.SubjectContains("report 1").And(SearchQuery.Seen),
            SearchQuery.Not(SearchQuery.Seen).And(SearchQuery.BodyContains("number 3")).And(SearchQuery.LargerThan(10)));
        var found = await inbox.SearchAsync(query, Ct);
        Assert.Equal([all[0].UniqueId, all[2].UniqueId], found);

        Assert.False(client.Capabilities.HasFlag(ImapCapabilities.Sort));
        Assert.False(client.Capabilities.HasFlag(ImapCapabilities.Thread));
        await Assert.ThrowsAsync<NotSupportedException>(() => inbox.SortAsync(SearchQuery.All, [OrderBy.Arrival], Ct));
        await client.DisconnectAsync(true, Ct);
    }

    [Fact]
    public async Task Thunderbird_startup_sequence()
    {
        var user = UniqueAddress("tb");
        await Server.AddUserAsync(user, "secret");
        await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("sender@remote.test", user, "hello", "hi\r\n"));
        await using var c = await ImapDialog.ConnectAsync(Server.ImapPort);
        Assert.StartsWith("OK", (await c.CommandAsync("CAPABILITY")).Status);
        Assert.StartsWith("OK", (await c.CommandAsync($"LOGIN \"{user}\" secret")).Status);
        var (id, idLines) = await c.CommandAsync("ID (\"name\" \"Thunderbird\" \"version\" \"128.0\")");
        Assert.StartsWith("OK", id);
        Assert.Contains(idLines, l => l.StartsWith("* ID (", StringComparison.Ordinal));
        var (list, listLines) = await c.CommandAsync("LIST (SUBSCRIBED) \"\" \"*\" RETURN (CHILDREN SPECIAL-USE)");
        Assert.StartsWith("OK", list);
        Assert.Contains(listLines, l => l.Contains("\\Subscribed", StringComparison.Ordinal) && l.Contains("\\Trash", StringComparison.Ordinal));
        var (all, allLines) = await c.CommandAsync("LIST \"\" \"*\" RETURN (SPECIAL-USE SUBSCRIBED)");
        Assert.StartsWith("OK", all);
        var (lsub, lsubLines) = await c.CommandAsync("LSUB \"\" \"*\"");
        Assert.StartsWith("OK", lsub);
        Assert.Equal(allLines.Count, lsubLines.Count);
        foreach (var folder in new[] { "INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive" })
        {
            var (status, statusLines) = await c.CommandAsync($"STATUS \"{folder}\" (UIDNEXT MESSAGES UNSEEN RECENT HIGHESTMODSEQ)");
            Assert.StartsWith("OK", status);
            Assert.Contains(statusLines, l => l.StartsWith($"* STATUS \"{folder}\" (UIDNEXT ", StringComparison.Ordinal) && l.Contains("HIGHESTMODSEQ", StringComparison.Ordinal));
        }
        var (select, selectLines) = await c.CommandAsync("SELECT \"INBOX\" (CONDSTORE)");
        Assert.StartsWith("OK [READ-WRITE]", select);
        Assert.Contains("* 1 EXISTS", selectLines);
        Assert.Contains(selectLines, l => l.StartsWith("* OK [HIGHESTMODSEQ ", StringComparison.Ordinal));
        var (fetch, fetchLines) = await c.CommandAsync("UID FETCH 1:* (FLAGS)");
        Assert.StartsWith("OK", fetch);
        Assert.Matches(@"^\* 1 FETCH \((UID 1 FLAGS \(.*\) MODSEQ \(\d+\)|FLAGS \(.*\) UID 1 MODSEQ \(\d+\)|UID 1 MODSEQ \(\d+\) FLAGS \(.*\))\)$", Assert.Single(fetchLines));
        Assert.StartsWith("OK", (await c.CommandAsync("UID FETCH 1 (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject Date Message-ID Priority X-Priority References Newsgroups In-Reply-To Content-Type Reply-To)])")).Status);
        Assert.StartsWith("BAD", (await c.CommandAsync("THREAD REFERENCES UTF-8 ALL")).Status);
        Assert.StartsWith("BAD", (await c.CommandAsync("SORT (DATE) UTF-8 ALL")).Status);
        Assert.StartsWith("OK", (await c.CommandAsync("LOGOUT")).Status);
    }
}
