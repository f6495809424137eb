using Akka.Actor;
using Akka.Persistence;
using Mail.Actors.Mailbox;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Mailbox;

/// Stop, recreate with the same mailbox id (so the same PersistenceId), and the state is back.
public sealed class MailboxActorRecoverySpecs(ITestOutputHelper output) : PersistentSpec(output)
{
    private const string Id = "bob@example.com";

    private static AppendToMailbox Append(string queueId, long size = 100) =>
        new(Id, queueId, queueId + ".0", size, Appends.Now);

    [Fact]
    public async Task Recreated_mailbox_recovers_count_size_nextuid_and_uidvalidity()
    {
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        await Task.WhenAll(Enumerable.Range(1, 30).Select(i => mailbox.AskFor<MessageAppended>(Append($"Q{i}", i))));
        var before = await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id));

        await Stop(mailbox);
        var again = Sys.ActorOf(MailboxActor.Props(Id, Blobs));

        Assert.Equal(before, await again.AskFor<MailboxStatus>(new GetMailboxStatus(Id)));
        Assert.Equal((30, 465L, 31L), (before.Count, before.TotalSize, before.NextUid));
    }

    [Fact]
    public async Task Recovered_mailbox_still_dedupes_and_continues_uids()
    {
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        var first = await mailbox.AskFor<MessageAppended>(Append("Q1"));
        await Stop(mailbox);

        var again = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        var retry = await again.AskFor<MessageAppended>(Append("Q1"));
        var next = await again.AskFor<MessageAppended>(Append("Q2"));

        Assert.Equal(first.Uid, retry.Uid);
        Assert.Equal(first.Uid + 1, next.Uid);
    }

    [Fact]
    public async Task A_stopped_mailbox_saves_a_final_snapshot_so_its_next_start_replays_nothing()
    {
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => mailbox.AskFor<MessageAppended>(Append($"S{i}", 10))));
        var before = await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id));
        var snapshotStore = Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);

        Watch(mailbox);
        mailbox.Tell(StopMailbox.Instance); // what the shard sends at passivation and hand-off
        await ExpectTerminatedAsync(mailbox, cancellationToken: TestContext.Current.CancellationToken);

        var saved = await AwaitSnapshot(snapshotStore);
        var snapshot = Assert.IsType<MailboxFoldersSnapshot>(saved.Snapshot);
        Assert.Equal(20, Assert.Single(snapshot.Folders, f => f.Name == "INBOX").Messages.Count);
        var again = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        Assert.Equal(before, await again.AskFor<MailboxStatus>(new GetMailboxStatus(Id)));
    }

    [Fact]
    public async Task Over_a_thousand_events_save_a_snapshot_and_recovery_from_it_is_correct()
    {
        const int n = 1100;
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        await Task.WhenAll(Enumerable.Range(1, n).Select(i => mailbox.AskFor<MessageAppended>(Append($"Q{i:D5}", 10))));
        var snapshotStore = Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);

        // The snapshot is saved after the batch that crossed 1000 events; wait until it is stored.
        var saved = await AwaitSnapshot(snapshotStore);
        Assert.True(saved.Metadata.SequenceNr >= 1000, $"snapshot at {saved.Metadata.SequenceNr}");
        var snapshot = Assert.IsType<MailboxFoldersSnapshot>(saved.Snapshot);
        var inbox = Assert.Single(snapshot.Folders, f => f.Name == "INBOX");
        Assert.Equal(saved.Metadata.SequenceNr - 2, inbox.Messages.Count); // every event but MailboxCreated and DefaultFoldersCreated is a message

        // Events after the snapshot must be replayed on top of it.
        await mailbox.AskFor<MessageAppended>(Append("QAFTER", 10));
        await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, TestActor));
        await mailbox.AskFor<MaildropClosed>(new CloseMaildrop(Id, TestActor, [1, 2, 3]));
        var before = await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id));
        await Stop(mailbox);

        var again = Sys.ActorOf(MailboxActor.Props(Id, Blobs));

        Assert.Equal(before, await again.AskFor<MailboxStatus>(new GetMailboxStatus(Id)));
        Assert.Equal((n + 1 - 3, (n + 1 - 3) * 10L, n + 2L), (before.Count, before.TotalSize, before.NextUid));
        var retry = await again.AskFor<MessageAppended>(Append("Q00002", 10));
        Assert.Equal(2, retry.Uid); // expunged before the restart, still remembered
    }

    [Fact]
    public async Task State_survives_a_restart_of_the_whole_actor_system_on_the_same_database()
    {
        var dbFile = Folder.Combine("restart.db");
        var config = MailTestConfig.Persistent(dbFile).WithFallback(Sys.Settings.Config);
        MailboxStatus before;
        var first = ActorSystem.Create("first", config);
        try
        {
            var mailbox = first.ActorOf(MailboxActor.Props(Id, Blobs));
            await Task.WhenAll(Enumerable.Range(1, 5).Select(i => mailbox.AskFor<MessageAppended>(Append($"Q{i}", 7))));
            await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, TestActor));
            await mailbox.AskFor<MaildropClosed>(new CloseMaildrop(Id, TestActor, [2]));
            before = await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id));
        }
        finally
        {
            await first.Terminate();
        }

        var second = ActorSystem.Create("second", config);
        try
        {
            var mailbox = second.ActorOf(MailboxActor.Props(Id, Blobs));
            Assert.Equal(before, await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id)));
            Assert.Equal((4, 28L, 6L), (before.Count, before.TotalSize, before.NextUid));
        }
        finally
        {
            await second.Terminate();
        }
    }

    private async Task Stop(IActorRef mailbox)
    {
        Watch(mailbox);
        mailbox.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(mailbox, cancellationToken: TestContext.Current.CancellationToken);
    }

    private async Task<SelectedSnapshot> AwaitSnapshot(IActorRef snapshotStore)
    {
        SelectedSnapshot? found = null;
        await AwaitAssertAsync(async () =>
        {
            var result = await snapshotStore.AskFor<LoadSnapshotResult>(
                new LoadSnapshot("mailbox-" + Id, SnapshotSelectionCriteria.Latest, long.MaxValue));
            Assert.NotNull(result.Snapshot);
            found = result.Snapshot;
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        return found!;
    }
}
