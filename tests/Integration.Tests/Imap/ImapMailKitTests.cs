using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Mail.Integration.Tests.Harness;
using MimeKit;

namespace Mail.Integration.Tests.Imap;

/// <summary>
/// MailKit's ImapClient, the engine of many desktop and phone clients, against the real
/// server: mail delivered over SMTP is read, flagged, searched, copied, moved, appended and
/// expunged; folders are created, renamed and deleted; special-use folders exist for every user.
/// </summary>
public sealed class ImapMailKitTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    private async Task<(string User, ImapClient Client)> NewUserWithMailAsync(int messages)
    {
        var user = UniqueAddress("imap");
        await Server.AddUserAsync(user, "secret");
        for (var i = 1; i <= messages; i++)
            await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("sender@remote.test", user, $"message {i}", $"body number {i}\r\n"));
        var client = new ImapClient { Timeout = 60_000 };
        await client.ConnectAsync("127.0.0.1", Server.ImapPort, SecureSocketOptions.None, Ct);
        await client.AuthenticateAsync(user, "secret", Ct);
        return (user, client);
    }

    [Fact]
    public async Task Delivered_mail_is_listed_fetched_and_marked_seen()
    {
        var (_, client) = await NewUserWithMailAsync(3);
        using var _ = client;
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite, Ct);
        Assert.Equal(3, inbox.Count);
        Assert.True(inbox.UidValidity > 0);

        var summaries = await inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags
            | MessageSummaryItems.BodyStructure | MessageSummaryItems.Size | MessageSummaryItems.InternalDate, Ct);
        Assert.Equal(["message 1", "message 2", "message 3"], summaries.Select(s => s.Envelope!.Subject));
        Assert.All(summaries, s => Assert.Equal("sender@remote.test", s.Envelope!.From.Mailboxes.Single().Address));
        Assert.All(summaries, s => Assert.False(s.Flags!.Value.HasFlag(MessageFlags.Seen)));
        Assert.All(summaries, s => Assert.Equal("text/plain", s.Body!.ContentType.MimeType));
        Assert.Equal(summaries.Select(s => s.UniqueId.Id), summaries.Select(s => s.UniqueId.Id).Order());

        var message = await inbox.GetMessageAsync(summaries[1].UniqueId, Ct);
        Assert.Equal("message 2", message.Subject);
        Assert.Contains("body number 2", message.TextBody);

        // MailKit reads with BODY.PEEK[]: still unseen until the client says so.
        var flags = await inbox.FetchAsync([summaries[1].UniqueId], MessageSummaryItems.Flags, Ct);
        Assert.False(flags.Single().Flags!.Value.HasFlag(MessageFlags.Seen));
        await inbox.AddFlagsAsync(summaries[1].UniqueId, MessageFlags.Seen, true, Ct);
        Assert.Equal([summaries[1].UniqueId], await inbox.SearchAsync(SearchQuery.Seen, Ct));
        await client.DisconnectAsync(true, Ct);
    }

    [Fact]
    public async Task Flags_search_copy_move_and_expunge_work_like_a_client_expects()
    {
        var (_, client) = await NewUserWithMailAsync(4);
        using var _ = client;
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite, Ct);
        var uids = await inbox.SearchAsync(SearchQuery.All, Ct);
        Assert.Equal(4, uids.Count);

        await inbox.AddFlagsAsync(uids[0], MessageFlags.Flagged, true, Ct);
        await inbox.AddFlagsAsync(uids[1], MessageFlags.Deleted, true, Ct);
        await inbox.AddFlagsAsync([uids[2]], MessageFlags.None, new HashSet<string> { "$Important" }, true, Ct);
        Assert.Equal([uids[0]], await inbox.SearchAsync(SearchQuery.Flagged, Ct));
        Assert.Equal([uids[2]], await inbox.SearchAsync(SearchQuery.HasKeyword("$Important"), Ct));
        Assert.Equal([uids[3]], await inbox.SearchAsync(SearchQuery.SubjectContains("message 4"), Ct));
        Assert.Equal([uids[2]], await inbox.SearchAsync(SearchQuery.BodyContains("NUMBER 3"), Ct));
        Assert.Equal(3, (await inbox.SearchAsync(SearchQuery.NotDeleted, Ct)).Count);

        var archive = await client.GetFolderAsync("Archive", Ct);
        var copied = await inbox.CopyToAsync(uids[0], archive, Ct);
        Assert.NotNull(copied);
        var moved = await inbox.MoveToAsync(uids[3], archive, Ct);
        Assert.NotNull(moved);
        Assert.Equal(3, inbox.Count);

        await inbox.ExpungeAsync(Ct);
        Assert.Equal(2, inbox.Count);

        await archive.OpenAsync(FolderAccess.ReadOnly, Ct);
        Assert.Equal(2, archive.Count);
        var archived = await archive.FetchAsync(0, -1, MessageSummaryItems.Envelope | MessageSummaryItems.Flags, Ct);
        Assert.Equal(["message 1", "message 4"], archived.Select(s => s.Envelope!.Subject));
        Assert.True(archived[0].Flags!.Value.HasFlag(MessageFlags.Flagged)); // a copy keeps its flags
        await client.DisconnectAsync(true, Ct);
    }

    [Fact]
    public async Task Folders_are_created_renamed_deleted_and_special_use_folders_exist()
    {
        var (_, client) = await NewUserWithMailAsync(0);
        using var _ = client;
        Assert.Equal("Sent", client.GetFolder(SpecialFolder.Sent)!.FullName);
        Assert.Equal("Drafts", client.GetFolder(SpecialFolder.Drafts)!.FullName);
        Assert.Equal("Trash", client.GetFolder(SpecialFolder.Trash)!.FullName);
        Assert.Equal("Junk", client.GetFolder(SpecialFolder.Junk)!.FullName);
        Assert.Equal("Archive", client.GetFolder(SpecialFolder.Archive)!.FullName);

        var root = client.GetFolder(client.PersonalNamespaces[0]);
        var projects = await root.CreateAsync("Projekte Ärger", true, Ct); // non-ASCII: modified UTF-7 on the wire
        var child = await projects!.CreateAsync("2026", true, Ct);
        var names = (await root.GetSubfoldersAsync(false, Ct)).Select(f => f.FullName).ToList();
        Assert.Contains("Projekte Ärger", names);
        await projects.RenameAsync(root, "Renamed", Ct);
        var all = (await root.GetSubfoldersAsync(false, Ct)).Select(f => f.FullName).ToList();
        Assert.Contains("Renamed", all);
        Assert.DoesNotContain("Projekte Ärger", all);
        var renamedChild = await client.GetFolderAsync("Renamed/2026", Ct);
        await renamedChild.DeleteAsync(Ct);
        await (await client.GetFolderAsync("Renamed", Ct)).DeleteAsync(Ct);
        Assert.DoesNotContain("Renamed", (await root.GetSubfoldersAsync(false, Ct)).Select(f => f.FullName));
        await client.DisconnectAsync(true, Ct);
    }

    [Fact]
    public async Task Append_stores_the_exact_message_with_flags_date_and_appenduid()
    {
        var (_, client) = await NewUserWithMailAsync(0);
        using var _ = client;
        var drafts = client.GetFolder(SpecialFolder.Drafts)!;
        var message = MailKitClients.NewMessage("me@example.test", "you@remote.test", "draft ü", "text\r\n");
        var date = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));
        var uid = await drafts.AppendAsync(new AppendRequest(message, MessageFlags.Draft | MessageFlags.Seen) { InternalDate = date }, Ct);
        Assert.NotNull(uid);

        await drafts.OpenAsync(FolderAccess.ReadOnly, Ct);
        var summary = (await drafts.FetchAsync([uid!.Value], MessageSummaryItems.Flags | MessageSummaryItems.InternalDate | MessageSummaryItems.Envelope, Ct)).Single();
        Assert.True(summary.Flags!.Value.HasFlag(MessageFlags.Draft));
        Assert.Equal(date, summary.InternalDate);
        Assert.Equal("draft ü", summary.Envelope!.Subject);
        var back = await drafts.GetMessageAsync(uid.Value, Ct);
        Assert.Equal(message.MessageId, back.MessageId);
        await client.DisconnectAsync(true, Ct);
    }

    [Fact]
    public async Task Idle_reports_a_message_delivered_meanwhile()
    {
        var (user, client) = await NewUserWithMailAsync(1);
        using var _ = client;
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite, Ct);
        var arrived = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        inbox.CountChanged += (_, _) => arrived.TrySetResult(inbox.Count);
        using var done = new CancellationTokenSource();
        var idle = client.IdleAsync(done.Token, Ct);
        await Task.Delay(200, Ct);
        await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("sender@remote.test", user, "while idle", "x\r\n"));
        var count = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        done.Cancel();
        await idle;
        Assert.Equal(2, count);
        await client.DisconnectAsync(true, Ct);
    }

    [Fact]
    public async Task Starttls_and_implicit_tls_both_log_in()
    {
        var user = UniqueAddress("tls");
        await Server.AddUserAsync(user, "secret");
        using (var client = new ImapClient { ServerCertificateValidationCallback = (_, _, _, _) => true })
        {
            await client.ConnectAsync("127.0.0.1", Server.ImapPort, SecureSocketOptions.StartTls, Ct);
            Assert.True(client.IsSecure);
            await client.AuthenticateAsync(user, "secret", Ct);
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly, Ct);
            await client.DisconnectAsync(true, Ct);
        }
        using (var client = new ImapClient { ServerCertificateValidationCallback = (_, _, _, _) => true })
        {
            await client.ConnectAsync("127.0.0.1", Server.ImapsPort, SecureSocketOptions.SslOnConnect, Ct);
            Assert.True(client.IsSecure);
            await client.AuthenticateAsync(user, "secret", Ct);
            await client.DisconnectAsync(true, Ct);
        }
    }
}
