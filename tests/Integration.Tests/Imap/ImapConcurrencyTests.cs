using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Imap;

/// <summary>
/// Two sessions on one folder (RFC 3501 5.2, 7.4.1): each sees the other's changes, but an
/// EXPUNGE never arrives during FETCH, STORE or SEARCH, where it would shift the sequence
/// numbers under the client. POP3 deletions reach IMAP sessions the same way.
/// </summary>
public sealed class ImapConcurrencyTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    private async Task<string> UserWithMailAsync(int messages)
    {
        var user = UniqueAddress("conc");
        await Server.AddUserAsync(user, "secret");
        for (var i = 1; i <= messages; i++)
            await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, $"m{i}", $"b{i}\r\n"));
        return user;
    }

    [Fact]
    public async Task Expunge_in_one_session_is_told_to_the_other_after_fetch_not_during_it()
    {
        var user = await UserWithMailAsync(3);
        await using var a = await ImapDialog.LoginAsync(Server.ImapPort, user, "secret");
        await using var b = await ImapDialog.LoginAsync(Server.ImapPort, user, "secret");
        Assert.StartsWith("OK", (await a.CommandAsync("SELECT INBOX")).Status);
        Assert.StartsWith("OK", (await b.CommandAsync("SELECT INBOX")).Status);

        var (storeStatus, _) = await a.CommandAsync("STORE 1 +FLAGS.SILENT (\\Deleted)");
        Assert.StartsWith("OK", storeStatus);
        var (expungeStatus, expunged) = await a.CommandAsync("EXPUNGE");
        Assert.StartsWith("OK", expungeStatus);
        Assert.Contains("* 1 EXPUNGE", expunged);

        // B still numbers the messages 1..3 during FETCH: message 1 is the expunged one.
        var (fetchStatus, fetched) = await b.CommandAsync("FETCH 1:3 (UID)");
        Assert.StartsWith("OK", fetchStatus);
        Assert.DoesNotContain(fetched, l => l.EndsWith("EXPUNGE", StringComparison.Ordinal));
        Assert.Contains(fetched, l => l.StartsWith("* 3 FETCH", StringComparison.Ordinal));
        // ... and learns about the expunge at the next command that allows it.
        var (_, noop) = await b.CommandAsync("NOOP");
        Assert.Contains("* 1 EXPUNGE", noop);
        var (_, after) = await b.CommandAsync("FETCH 1:* (UID)");
        Assert.Equal(2, after.Count(l => l.Contains(" FETCH ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task New_mail_and_flag_changes_of_others_show_up_at_the_next_command()
    {
        var user = await UserWithMailAsync(1);
        await using var a = await ImapDialog.LoginAsync(Server.ImapPort, user, "secret");
        await using var b = await ImapDialog.LoginAsync(Server.ImapPort, user, "secret");
        await a.CommandAsync("SELECT INBOX");
        await b.CommandAsync("SELECT INBOX");
        await a.CommandAsync("STORE 1 +FLAGS (\\Flagged)");
        await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "new", "n\r\n"));

        var (status, untagged) = await b.CommandAsync("NOOP");
        Assert.StartsWith("OK", status);
        Assert.Contains("* 2 EXISTS", untagged);
        Assert.Contains(untagged, l => l.StartsWith("* 1 FETCH", StringComparison.Ordinal) && l.Contains("\\Flagged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Uids_stay_ascending_and_are_never_reused_after_expunging_the_last_message()
    {
        var user = await UserWithMailAsync(2);
        await using var a = await ImapDialog.LoginAsync(Server.ImapPort, user, "secret");
        var (_, selected) = await a.CommandAsync("SELECT INBOX");
        var validity = selected.Single(l => l.Contains("UIDVALIDITY", StringComparison.Ordinal));
        await a.CommandAsync("STORE 2 +FLAGS (\\Deleted)");
        await a.CommandAsync("EXPUNGE");
        await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "again", "x\r\n"));
        var (_, fetched) = await a.CommandAsync("UID FETCH 1:* (UID)");
        Assert.Contains(fetched, l => l.Contains("UID 3", StringComparison.Ordinal));
        Assert.DoesNotContain(fetched, l => l.Contains("UID 2", StringComparison.Ordinal));
        await a.CommandAsync("LOGOUT");

        await using var again = await ImapDialog.LoginAsync(Server.ImapPort, user, "secret");
        var (_, reselected) = await again.CommandAsync("SELECT INBOX");
        Assert.Contains(validity, reselected);
    }

    [Fact]
    public async Task A_pop3_deletion_reaches_a_selected_imap_session()
    {
        var user = await UserWithMailAsync(2);
        await using var imap = await ImapDialog.LoginAsync(Server.ImapPort, user, "secret");
        await imap.CommandAsync("SELECT INBOX");
        await using (var pop = await Pop3Dialog.LoginAsync(Server.Pop3Port, user, "secret"))
        {
            await pop.ExpectOkAsync("DELE 1");
            await pop.ExpectOkAsync("QUIT");
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var seen = new List<string>();
        while (DateTime.UtcNow < deadline && !seen.Contains("* 1 EXPUNGE"))
        {
            seen.AddRange((await imap.CommandAsync("NOOP")).Untagged);
            await Task.Delay(50, Ct);
        }
        Assert.Contains("* 1 EXPUNGE", seen);
    }
}

/// <summary>
/// A mailbox actor that stops under a selected session (idle passivation here; a shard
/// hand-off in a cluster) tells the session, which selects again and reports what changed
/// meanwhile as ordinary untagged responses.
/// </summary>
public sealed class ImapReselectTests : MaildTestBase
{
    [Fact]
    public async Task A_session_survives_its_mailbox_being_passivated_and_sees_later_mail()
    {
        var server = await StartServerAsync(new MaildOptions { Config = "maild.mailbox.passivate-after = 1s\n" });
        var user = UniqueAddress("passive");
        await server.AddUserAsync(user, "secret");
        await MailKitClients.SendAsync(server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "one", "1\r\n"));
        await using var a = await ImapDialog.LoginAsync(server.ImapPort, user, "secret");
        Assert.Contains("* 1 EXISTS", (await a.CommandAsync("SELECT INBOX")).Untagged);

        await Task.Delay(TimeSpan.FromSeconds(4), Ct); // the mailbox passivates (and is re-selected) meanwhile
        await MailKitClients.SendAsync(server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "two", "2\r\n"));
        await using (var b = await ImapDialog.LoginAsync(server.ImapPort, user, "secret"))
        {
            await b.CommandAsync("SELECT INBOX");
            await b.CommandAsync("STORE 1 +FLAGS (\\Flagged)");
        }
        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !(seen.Contains("* 2 EXISTS") && seen.Any(l => l.Contains("\\Flagged", StringComparison.Ordinal))))
        {
            seen.AddRange((await a.CommandAsync("NOOP")).Untagged);
            await Task.Delay(100, Ct);
        }
        Assert.Contains("* 2 EXISTS", seen);
        Assert.Contains(seen, l => l.StartsWith("* 1 FETCH", StringComparison.Ordinal) && l.Contains("\\Flagged", StringComparison.Ordinal));
        Assert.Contains("imap reselect user=<" + user, server.Log, StringComparison.Ordinal);
    }
}
