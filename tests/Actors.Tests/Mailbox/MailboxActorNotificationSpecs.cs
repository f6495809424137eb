using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using Mail.Actors.Mailbox;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Mailbox;

/// <summary>
/// Sessions that selected a folder hear of every durable change, their own included, always
/// before the reply to the command that caused it; dead or deselected sessions hear nothing.
/// </summary>
public sealed class MailboxActorNotificationSpecs(ITestOutputHelper output) : PersistentSpec(output)
{
    private const string Id = Folders.Id;
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_gets_FolderChanged_for_its_own_store_before_the_reply_with_itself_as_origin()
    {
        var mailbox = await MailboxWithInbox(2);
        var session = await Selecting(mailbox, "INBOX");

        session.Send(mailbox, Folders.Store("INBOX", StoreFlagsMode.Add, [2], @"\Flagged") with { Session = session.Ref });

        var changed = await session.ExpectMsgAsync<FolderChanged>(cancellationToken: Ct);
        Assert.Equal(session.Ref, changed.Origin);
        Assert.Equal((Id, "INBOX"), (changed.MailboxId, changed.Folder));
        var message = Assert.Single(changed.FlagsChanged);
        Assert.Equal((2L, changed.HighestModSeq), (message.Uid, message.ModSeq));
        var stored = await session.ExpectMsgAsync<FlagsStored>(cancellationToken: Ct);
        Assert.Equal(message, Assert.Single(stored.Changed));
    }

    [Fact]
    public async Task Two_sessions_on_one_folder_both_hear_of_a_delivery_and_of_an_expunge()
    {
        var mailbox = await MailboxWithInbox(1);
        var first = await Selecting(mailbox, "INBOX");
        var second = await Selecting(mailbox, "INBOX");

        await mailbox.AskFor<MessageAppended>(new AppendToMailbox(Id, "QNEW", "QNEW.0", 5, Appends.Now));

        foreach (var session in new[] { first, second })
        {
            var changed = await session.ExpectMsgAsync<FolderChanged>(cancellationToken: Ct);
            Assert.Equal([2L], changed.Appended.Select(m => m.Uid));
            Assert.Null(changed.Origin);
        }

        first.Send(mailbox, Folders.Store("INBOX", StoreFlagsMode.Add, [1], @"\Deleted") with { Session = first.Ref });
        first.Send(mailbox, Folders.Expunge("INBOX") with { Session = first.Ref });
        await first.ExpectMsgAsync<FolderChanged>(cancellationToken: Ct);
        await first.ExpectMsgAsync<FlagsStored>(cancellationToken: Ct);
        Assert.Equal([1L], (await first.ExpectMsgAsync<FolderChanged>(cancellationToken: Ct)).ExpungedUids);
        Assert.Equal([1L], (await first.ExpectMsgAsync<FolderExpunged>(cancellationToken: Ct)).Uids);
        Assert.Single((await second.ExpectMsgAsync<FolderChanged>(cancellationToken: Ct)).FlagsChanged);
        Assert.Equal([1L], (await second.ExpectMsgAsync<FolderChanged>(cancellationToken: Ct)).ExpungedUids);
    }

    [Fact]
    public async Task A_move_tells_the_source_and_the_target_sessions_before_the_reply()
    {
        var mailbox = await MailboxWithInbox(3);
        var onInbox = await Selecting(mailbox, "INBOX");
        var onArchive = await Selecting(mailbox, "Archive");

        onInbox.Send(mailbox, Folders.Copy("INBOX", "Archive", true, 1, 3) with { Session = onInbox.Ref });

        var expunged = await onInbox.ExpectMsgAsync<FolderChanged>(cancellationToken: Ct);
        Assert.Equal([1L, 3L], expunged.ExpungedUids);
        var moved = await onInbox.ExpectMsgAsync<MessagesCopied>(cancellationToken: Ct);
        Assert.Equal([1L, 2L], moved.DestUids);
        var appended = await onArchive.ExpectMsgAsync<FolderChanged>(cancellationToken: Ct);
        Assert.Equal("Archive", appended.Folder);
        Assert.Equal([1L, 2L], appended.Appended.Select(m => m.Uid));
    }

    [Fact]
    public async Task A_POP3_close_tells_the_IMAP_sessions_of_INBOX()
    {
        var mailbox = await MailboxWithInbox(2);
        var imap = await Selecting(mailbox, "INBOX");
        var pop3 = CreateTestProbe();
        await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, pop3));

        await mailbox.AskFor<MaildropClosed>(new CloseMaildrop(Id, pop3, [2]));

        var changed = await imap.ExpectMsgAsync<FolderChanged>(cancellationToken: Ct);
        Assert.Equal([2L], changed.ExpungedUids);
    }

    [Fact]
    public async Task A_deselected_session_hears_nothing_more_and_a_new_select_replaces_the_old_one()
    {
        var mailbox = await MailboxWithInbox(1);
        var session = await Selecting(mailbox, "INBOX");
        await Selecting(mailbox, "Sent", session);

        await mailbox.AskFor<MessageAppended>(new AppendToMailbox(Id, "Q9", "Q9.0", 5, Appends.Now));
        await session.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300), Ct);

        mailbox.Tell(new DeselectFolder(Id, session));
        await mailbox.AskFor<MessageAppendedTo>(Folders.Append("Sent", "S1"));
        await session.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300), Ct);
    }

    [Fact]
    public async Task A_dead_session_is_unsubscribed()
    {
        var mailbox = await MailboxWithInbox(1);
        var session = await Selecting(mailbox, "INBOX");
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters, typeof(DeadLetter));
        Watch(session);
        Sys.Stop(session);
        await ExpectTerminatedAsync(session, cancellationToken: Ct);

        // The mailbox learns of the death asynchronously: once it has, a delivery tells nobody.
        var n = 0;
        await AwaitAssertAsync(async () =>
        {
            await mailbox.AskFor<MessageAppended>(new AppendToMailbox(Id, $"QD{++n}", $"QD{n}.0", 5, Appends.Now));
            await deadLetters.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200), Ct);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), Ct);
    }

    [Fact]
    public async Task Deleting_a_selected_folder_unselects_its_sessions_before_the_reply()
    {
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        await mailbox.AskFor<FolderResult>(new CreateFolder(Id, "Old"));
        var session = await Selecting(mailbox, "Old");

        session.Send(mailbox, new DeleteFolder(Id, "Old"));

        var unselected = await session.ExpectMsgAsync<FolderUnselected>(cancellationToken: Ct);
        Assert.Equal(("Old", false), (unselected.Folder, unselected.FolderStillExists));
        Assert.True((await session.ExpectMsgAsync<FolderResult>(cancellationToken: Ct)).Ok);
        await mailbox.AskFor<FolderResult>(new CreateFolder(Id, "Old"));
        await mailbox.AskFor<MessageAppendedTo>(Folders.Append("Old", "O1"));
        await session.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300), Ct);
    }

    [Fact]
    public async Task A_stopping_mailbox_tells_its_sessions_to_select_again()
    {
        var mailbox = await MailboxWithInbox(1);
        var session = await Selecting(mailbox, "INBOX");

        mailbox.Tell(PoisonPill.Instance);

        var unselected = await session.ExpectMsgAsync<FolderUnselected>(cancellationToken: Ct);
        Assert.Equal(("INBOX", true), (unselected.Folder, unselected.FolderStillExists));
    }

    [Fact]
    public async Task Select_answers_NoSuchFolder_or_NoSelect_and_recent_goes_to_the_first_read_write_select()
    {
        var mailbox = await MailboxWithInbox(2);
        await mailbox.AskFor<FolderResult>(new CreateFolder(Id, "P/C"));
        await mailbox.AskFor<FolderResult>(new DeleteFolder(Id, "P"));

        Assert.Equal(FolderError.NoSuchFolder, (await mailbox.AskFor<FolderResult>(new SelectFolder(Id, "Nope", TestActor, false))).Error);
        Assert.Equal(FolderError.NoSelect, (await mailbox.AskFor<FolderResult>(new SelectFolder(Id, "P", TestActor, false))).Error);

        var examined = await mailbox.AskFor<FolderSelected>(new SelectFolder(Id, "inbox", CreateTestProbe(), true));
        var selected = await mailbox.AskFor<FolderSelected>(new SelectFolder(Id, "INBOX", CreateTestProbe(), false));
        var again = await mailbox.AskFor<FolderSelected>(new SelectFolder(Id, "INBOX", CreateTestProbe(), false));
        Assert.Equal([1L, 2L], examined.RecentUids);
        Assert.Equal([1L, 2L], selected.RecentUids);
        Assert.Empty(again.RecentUids);
        Assert.Equal(0, (await mailbox.AskFor<FolderInfo>(new GetFolderStatus(Id, "INBOX"))).Recent);
    }

    [Fact]
    public async Task Over_the_storage_limit_delivery_and_append_are_refused_and_status_reports_the_usage()
    {
        var mailbox = await MailboxWithInbox(2);
        mailbox.Tell(new SetStorageLimit(Id, 25));

        var rejected = await mailbox.AskFor<AppendRejected>(new AppendToMailbox(Id, "BIG", "BIG.0", 10, Appends.Now));
        var refused = await mailbox.AskFor<FolderResult>(Folders.Append("Drafts", "D1", 10));
        var status = await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id));

        Assert.True(rejected.OverQuota);
        Assert.Equal(FolderError.OverQuota, refused.Error);
        Assert.Equal((23L, 25L), (status.StorageUsed, status.StorageLimit));
        mailbox.Tell(new SetStorageLimit(Id, null));
        Assert.Equal(3, (await mailbox.AskFor<MessageAppended>(new AppendToMailbox(Id, "BIG", "BIG.0", 10, Appends.Now))).Uid);
    }

    [Fact]
    public async Task A_shared_blob_is_deleted_only_after_its_last_copy_is_expunged()
    {
        var mailbox = await MailboxWithInbox(1);
        await mailbox.AskFor<MessagesCopied>(Folders.Copy("INBOX", "Trash", false, 1));
        var pop3 = CreateTestProbe();
        await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, pop3));
        await mailbox.AskFor<MaildropClosed>(new CloseMaildrop(Id, pop3, [1]));

        await Task.Delay(300, Ct); // deletion runs in the background: give it the chance to be wrong
        Assert.True(Blobs.Exists("Q1.0"));

        await mailbox.AskFor<FlagsStored>(Folders.Store("Trash", StoreFlagsMode.Add, [1], @"\Deleted"));
        await mailbox.AskFor<FolderExpunged>(Folders.Expunge("Trash"));
        await AwaitAssertAsync(() => Assert.False(Blobs.Exists("Q1.0")), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), Ct);
    }

    /// A mailbox whose INBOX has messages Q1..Qn with blobs (body i has 10+i bytes).
    private async Task<IActorRef> MailboxWithInbox(int count)
    {
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        for (var i = 1; i <= count; i++)
        {
            var body = new string('x', 10 + i);
            var blobId = await StoreBlob($"Q{i}", body);
            await mailbox.AskFor<MessageAppended>(new AppendToMailbox(Id, $"Q{i}", blobId, body.Length, Appends.Now));
        }
        return mailbox;
    }

    private async Task<TestProbe> Selecting(IActorRef mailbox, string folder, TestProbe? session = null)
    {
        session ??= CreateTestProbe();
        session.Send(mailbox, new SelectFolder(Id, folder, session.Ref, ReadOnly: false));
        Assert.Equal(folder, (await session.ExpectMsgAsync<FolderSelected>(cancellationToken: Ct)).Folder);
        return session;
    }
}
