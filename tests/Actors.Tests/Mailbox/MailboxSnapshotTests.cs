using Mail.Actors.Mailbox;
using static Mail.Actors.Tests.Mailbox.Appends;

namespace Mail.Actors.Tests.Mailbox;

public sealed class MailboxSnapshotTests
{
    [Fact]
    public void From_then_ToState_gives_back_the_same_state()
    {
        var state = Expunge(StateWith("Q1", "Q2", "Q3", "Q4", "Q5"), 4, 2);

        var back = MailboxFoldersSnapshot.From(state).ToState();

        AssertSameState(state, back);
    }

    [Fact]
    public void Round_trip_of_an_empty_mailbox_keeps_it_uncreated()
    {
        var back = MailboxFoldersSnapshot.From(MailboxState.Empty).ToState();

        AssertSameState(MailboxState.Empty, back);
        Assert.False(back.IsCreated);
    }

    [Fact]
    public void Restored_state_still_dedupes_expunged_queue_ids_and_keeps_counting_uids()
    {
        var state = Expunge(StateWith("Q1", "Q2"), 1);

        var back = MailboxFoldersSnapshot.From(state).ToState();
        var (events, uids) = back.DecideAppends([Cmd("Q1"), Cmd("Q3")], Now);

        Assert.Equal([1L, 3L], uids);
        Assert.Equal("Q3", Assert.IsType<MessageAppended>(Assert.Single(events)).QueueId);
    }

    [Fact]
    public void Folders_flags_modseqs_subscriptions_and_blob_refs_survive_the_snapshot()
    {
        var state = Folders.New().Create("A/B").With("A/B", "Q1", "Q2");
        state = state.Do(state.DecideStore(Folders.Store("A/B", StoreFlagsMode.Add, [2], @"\Seen", "$Work"))).State;
        state = state.Do(state.DecideCopy(Folders.Copy("A/B", "INBOX", false, 1, 2))).State;
        state = state.Run(state.DecideSubscription("A/B", true).Events);
        state = state.Run(state.DecideDelete("Junk").Events);

        var back = MailboxFoldersSnapshot.From(state).ToState();

        Assert.Equal(state.Folders.Keys, back.Folders.Keys);
        Assert.All(state.Folders.Values, f => Assert.Equal(f, back.Folders[f.Name] with { Messages = f.Messages }));
        Assert.All(state.Folders.Values, f => Assert.Equal(f.Messages.Values, back.Folders[f.Name].Messages.Values));
        Assert.Equal(state.Subscriptions.ToArray(), back.Subscriptions.ToArray());
        Assert.Equal(state.BlobRefs.OrderBy(kv => kv.Key), back.BlobRefs.OrderBy(kv => kv.Key));
        Assert.Equal((state.StorageUsed, state.LastUidValidity, true), (back.StorageUsed, back.LastUidValidity, back.HasDefaultFolders));
        Assert.Equal(state.UidByQueueId.OrderBy(kv => kv.Key), back.UidByQueueId.OrderBy(kv => kv.Key));
        Assert.Empty(back.DecideInitialization(Now)); // Junk stays deleted
    }

    [Fact]
    public void An_mbs1_snapshot_becomes_INBOX_and_still_needs_the_default_folders()
    {
        var old = new MailboxSnapshot(1_700_000_000, 9,
            [new StoredMessage(3, "Q3", "Q3.0", 30, Now), new StoredMessage(8, "Q8", "Q8.0", 80, Now)],
            [new ExpungedQueueId("Q1", 1)]);

        var state = old.ToState();

        Assert.Equal((1_700_000_000L, 9L, 110L, 110L), (state.UidValidity, state.NextUid, state.TotalSize, state.StorageUsed));
        Assert.Equal([3L, 8L], state.Messages.Keys);
        Assert.All(state.Messages.Values, m => Assert.True(m.ModSeq > 0));
        Assert.True(state.TryFindQueueId("Q1", out var uid1) && uid1 == 1);
        Assert.True(state.TryFindQueueId("Q8", out var uid8) && uid8 == 8);
        Assert.Equal(1, state.BlobRefs["Q3.0"]);
        var defaults = Assert.IsType<DefaultFoldersCreated>(Assert.Single(state.DecideInitialization(Now)));
        Assert.All(defaults.Folders, f => Assert.True(f.UidValidity > 1_700_000_000));
    }

    internal static void AssertSameState(MailboxState expected, MailboxState actual)
    {
        Assert.Equal(expected.UidValidity, actual.UidValidity);
        Assert.Equal(expected.NextUid, actual.NextUid);
        Assert.Equal(expected.TotalSize, actual.TotalSize);
        Assert.Equal(expected.Messages.ToArray(), actual.Messages.ToArray());
        Assert.Equal(expected.UidByQueueId.OrderBy(kv => kv.Key), actual.UidByQueueId.OrderBy(kv => kv.Key));
        Assert.Equal(expected.ExpungedQueueIds.OrderBy(kv => kv.Key), actual.ExpungedQueueIds.OrderBy(kv => kv.Key));
        Assert.Equal(expected.ExpungedOrder, actual.ExpungedOrder);
    }
}
