using Akka.Actor;
using Mail.Actors.Mailbox;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Mailbox;

/// Folders after a restart (same PersistenceId), and journals written before folders existed.
public sealed class MailboxActorFolderRecoverySpecs(ITestOutputHelper output) : PersistentSpec(output)
{
    private const string Id = Folders.Id;

    [Fact]
    public async Task Folders_flags_subscriptions_and_uids_come_back_after_a_restart()
    {
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        await mailbox.AskFor<FolderResult>(new CreateFolder(Id, "Projects/Maild"));
        await mailbox.AskFor<FolderResult>(new SetSubscription(Id, "Projects/Maild", true));
        await mailbox.AskFor<MessageAppendedTo>(Folders.Append("Projects/Maild", "Q1", 10, @"\Seen"));
        await mailbox.AskFor<MessageAppendedTo>(Folders.Append("Projects/Maild", "Q2", 20));
        await mailbox.AskFor<FlagsStored>(Folders.Store("Projects/Maild", StoreFlagsMode.Add, [2], "$Work", @"\Deleted"));
        await mailbox.AskFor<MessagesCopied>(Folders.Copy("Projects/Maild", "Archive", false, 1, 2));
        await mailbox.AskFor<FolderExpunged>(Folders.Expunge("Projects/Maild"));
        var before = await mailbox.AskFor<FolderList>(new ListFolders(Id));
        var selectedBefore = await mailbox.AskFor<FolderSelected>(new SelectFolder(Id, "Archive", CreateTestProbe(), true));
        await Stop(mailbox);

        var again = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        var after = await again.AskFor<FolderList>(new ListFolders(Id));
        var selectedAfter = await again.AskFor<FolderSelected>(new SelectFolder(Id, "Archive", CreateTestProbe(), true));

        Assert.Equal(before.Folders.Select(f => f with { Recent = 0 }), after.Folders.Select(f => f with { Recent = 0 }));
        Assert.Equal(before.Subscriptions, after.Subscriptions);
        Assert.Contains("Projects/Maild", after.Subscriptions);
        Assert.Equal(selectedBefore.Messages, selectedAfter.Messages);
        Assert.Equal(["$Work", @"\Deleted"], selectedAfter.Messages[1].Flags.Order(StringComparer.Ordinal));
        Assert.Equal(["$Work"], selectedAfter.Keywords);
        Assert.Empty(selectedAfter.RecentUids); // the floor is UIDNEXT at recovery
        // UIDs continue past the expunged highest one.
        Assert.Equal(3, (await again.AskFor<MessageAppendedTo>(Folders.Append("Projects/Maild", "Q3"))).Uid);
    }

    [Fact]
    public async Task A_journal_written_before_folders_recovers_into_INBOX_and_gets_the_default_folders_once()
    {
        await WriteOld([
            new MailboxCreated(1_700_000_000),
            new MessageAppended("Q1", 1, "Q1.0", 10, Appends.Now),
            new MessageAppended("Q2", 2, "Q2.0", 20, Appends.Now),
            new MessageAppended("Q3", 3, "Q3.0", 30, Appends.Now),
            new MessagesExpunged([2]),
        ]);
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));

        var status = await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id));
        Assert.Equal(new MailboxStatus(Id, 1_700_000_000, 4, 2, 40, 40), status);
        var list = await mailbox.AskFor<FolderList>(new ListFolders(Id));
        Assert.Equal(["INBOX", "Archive", "Drafts", "Junk", "Sent", "Trash"], list.Folders.Select(f => f.Name));
        Assert.Equal(["Archive", "Drafts", "INBOX", "Junk", "Sent", "Trash"], list.Subscriptions);
        var inbox = await mailbox.AskFor<FolderSelected>(new SelectFolder(Id, "INBOX", CreateTestProbe(), true));
        Assert.Equal([1L, 3L], inbox.Messages.Select(m => m.Uid));
        Assert.Equal(1_700_000_000, inbox.UidValidity);
        // A delivery retry of the expunged message is still recognised.
        Assert.Equal(2, (await mailbox.AskFor<MessageAppended>(new AppendToMailbox(Id, "Q2", "Q2.0", 20, Appends.Now))).Uid);
        await Stop(mailbox);

        var again = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        Assert.Equal(list.Folders.Select(f => (f.Name, f.UidValidity)), (await again.AskFor<FolderList>(new ListFolders(Id))).Folders.Select(f => (f.Name, f.UidValidity)));
    }

    [Fact]
    public async Task An_mbs1_snapshot_and_the_old_events_after_it_recover_into_INBOX()
    {
        var snapshot = new MailboxSnapshot(1_700_000_000, 3,
            [new StoredMessage(1, "Q1", "Q1.0", 10, Appends.Now), new StoredMessage(2, "Q2", "Q2.0", 20, Appends.Now)], []);
        await WriteOld([new MailboxCreated(1_700_000_000), new MessageAppended("Q1", 1, "Q1.0", 10, Appends.Now), new MessageAppended("Q2", 2, "Q2.0", 20, Appends.Now)], snapshot);
        await WriteOld([new MessageAppended("Q3", 3, "Q3.0", 30, Appends.Now)]);
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));

        var inbox = await mailbox.AskFor<FolderSelected>(new SelectFolder(Id, "INBOX", CreateTestProbe(), false));

        Assert.Equal([1L, 2L, 3L], inbox.Messages.Select(m => m.Uid));
        Assert.Equal((1_700_000_000L, 4L), (inbox.UidValidity, inbox.UidNext));
        Assert.True(inbox.Messages[2].ModSeq > inbox.Messages[1].ModSeq);
        Assert.Equal(inbox.HighestModSeq, inbox.Messages[2].ModSeq);
        Assert.Equal(6, (await mailbox.AskFor<FolderList>(new ListFolders(Id))).Folders.Count);
    }

    private async Task WriteOld(IReadOnlyList<IMailboxEvent> events, MailboxSnapshot? snapshot = null)
    {
        var writer = Sys.ActorOf(OldJournalWriter.Props(Id, events, snapshot));
        Assert.Equal("written", await writer.AskFor<string>("write"));
        await Stop(writer);
    }

    private async Task Stop(IActorRef actor)
    {
        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(actor, cancellationToken: TestContext.Current.CancellationToken);
    }
}
