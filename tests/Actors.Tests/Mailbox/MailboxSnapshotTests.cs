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
