using Mail.Actors.Mailbox;
using static Mail.Actors.Tests.Mailbox.Appends;

namespace Mail.Actors.Tests.Mailbox;

public sealed class MailboxStateApplyTests
{
    [Fact]
    public void Appends_add_messages_count_and_size()
    {
        var state = MailboxState.Empty
            .Apply(new MailboxCreated(42))
            .Apply(new MessageAppended("Q1", 1, "Q1.0", 100, Now))
            .Apply(new MessageAppended("Q2", 2, "Q2.0", 250, Now));

        Assert.Equal(42, state.UidValidity);
        Assert.Equal(3, state.NextUid);
        Assert.Equal(2, state.Messages.Count);
        Assert.Equal(350, state.TotalSize);
        // INBOX starts at mod-sequence 1 and every append takes the next one.
        Assert.Equal(new StoredMessage(2, "Q2", "Q2.0", 250, Now) { ModSeq = 3 }, state.Messages[2]);
    }

    [Fact]
    public void Expunge_removes_messages_and_their_size_and_remembers_their_queue_ids()
    {
        var state = StateWith("Q1", "Q2", "Q3");

        state = state.Apply(new MessagesExpunged([1, 3]));

        Assert.Equal([2L], state.Messages.Keys);
        Assert.Equal(100, state.TotalSize);
        Assert.Equal(["Q2"], state.UidByQueueId.Keys);
        Assert.Equal(new MessageRef("INBOX", 1), state.ExpungedQueueIds["Q1"]);
        Assert.Equal(new MessageRef("INBOX", 3), state.ExpungedQueueIds["Q3"]);
        Assert.Equal(["Q1", "Q3"], state.ExpungedOrder);
        Assert.Equal(4, state.NextUid);
    }

    [Fact]
    public void Expunge_of_unknown_uids_changes_nothing()
    {
        var state = StateWith("Q1");

        var after = state.Apply(new MessagesExpunged([7, 8]));

        Assert.Equal(state.Messages, after.Messages);
        Assert.Equal(state.TotalSize, after.TotalSize);
        Assert.Empty(after.ExpungedQueueIds);
    }

    [Fact]
    public void DecideExpunge_keeps_only_present_uids_sorted_and_distinct()
    {
        var state = StateWith("Q1", "Q2", "Q3");

        var events = state.DecideExpunge([3, 9, 1, 3]);

        var expunged = Assert.IsType<MessagesExpunged>(Assert.Single(events));
        Assert.Equal([1L, 3L], expunged.Uids);
        Assert.Empty(state.DecideExpunge([9]));
    }

    [Fact]
    public void Expunged_queue_id_memory_is_bounded_and_forgets_the_oldest_first()
    {
        var count = MailboxState.ExpungedMemory + 5;
        var queueIds = Enumerable.Range(1, count).Select(i => $"Q{i}").ToArray();
        var state = StateWith(queueIds);

        // One event per message, as successive POP3 sessions would expunge them.
        for (long uid = 1; uid <= count; uid++)
            state = state.Apply(new MessagesExpunged([uid]));

        Assert.Equal(MailboxState.ExpungedMemory, state.ExpungedQueueIds.Count);
        Assert.Equal(MailboxState.ExpungedMemory, state.ExpungedOrder.Count());
        Assert.False(state.TryFindQueueId("Q5", out _));
        Assert.True(state.TryFindQueueId("Q6", out var uid6));
        Assert.Equal(6, uid6);
        Assert.Equal("Q6", state.ExpungedOrder.Peek());
        Assert.Empty(state.Messages);
        Assert.Equal(0, state.TotalSize);
    }

    [Fact]
    public void Expunged_queue_id_memory_is_bounded_within_one_large_expunge_too()
    {
        var count = MailboxState.ExpungedMemory + 3;
        var state = StateWith([.. Enumerable.Range(1, count).Select(i => $"Q{i}")]);

        state = Expunge(state, [.. Enumerable.Range(1, count).Select(i => (long)i)]);

        Assert.Equal(MailboxState.ExpungedMemory, state.ExpungedQueueIds.Count);
        Assert.False(state.TryFindQueueId("Q3", out _));
        Assert.True(state.TryFindQueueId("Q4", out _));
    }

    [Fact]
    public void Unknown_event_type_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MailboxState.Empty.Apply(new UnknownEvent()));
    }

    private sealed record UnknownEvent : IMailboxEvent;
}
