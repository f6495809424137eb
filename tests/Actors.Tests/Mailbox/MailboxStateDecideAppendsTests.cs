using Mail.Actors.Mailbox;
using static Mail.Actors.Tests.Mailbox.Appends;

namespace Mail.Actors.Tests.Mailbox;

public sealed class MailboxStateDecideAppendsTests
{
    [Fact]
    public void First_batch_creates_the_mailbox_once_then_assigns_consecutive_uids_from_1()
    {
        var (events, uids) = MailboxState.Empty.DecideAppends([Cmd("Q1"), Cmd("Q2"), Cmd("Q3")], Now);

        Assert.Equal([1L, 2L, 3L], uids);
        var created = Assert.Single(events.OfType<MailboxCreated>());
        Assert.Equal(Now.ToUnixTimeSeconds(), created.UidValidity);
        Assert.IsType<MailboxCreated>(events[0]);
        Assert.Equal([1L, 2L, 3L], events.OfType<MessageAppended>().Select(e => e.Uid));
    }

    [Fact]
    public void A_created_mailbox_emits_no_second_MailboxCreated_and_continues_at_NextUid()
    {
        var state = StateWith("Q1", "Q2");

        var (events, uids) = state.DecideAppends([Cmd("Q3"), Cmd("Q4")], Now.AddDays(1));

        Assert.DoesNotContain(events, e => e is MailboxCreated);
        Assert.Equal([3L, 4L], uids);
        Assert.Equal(state.UidValidity, events.Aggregate(state, (s, e) => s.Apply(e)).UidValidity);
    }

    [Fact]
    public void Duplicate_queue_id_within_a_batch_gets_the_uid_of_its_first_occurrence_and_no_event()
    {
        var (events, uids) = MailboxState.Empty.DecideAppends([Cmd("Q1"), Cmd("Q2"), Cmd("Q1"), Cmd("Q3")], Now);

        Assert.Equal([1L, 2L, 1L, 3L], uids);
        Assert.Equal(["Q1", "Q2", "Q3"], events.OfType<MessageAppended>().Select(e => e.QueueId));
    }

    [Fact]
    public void Queue_id_already_in_the_mailbox_gets_its_existing_uid_and_no_event()
    {
        var state = StateWith("Q1", "Q2");

        var (events, uids) = state.DecideAppends([Cmd("Q2"), Cmd("Q9")], Now);

        Assert.Equal([2L, 3L], uids);
        var appended = Assert.Single(events.OfType<MessageAppended>());
        Assert.Equal(("Q9", 3L), (appended.QueueId, appended.Uid));
    }

    [Fact]
    public void Queue_id_of_an_expunged_message_is_not_appended_again()
    {
        var state = Expunge(StateWith("Q1", "Q2"), 1);

        var (events, uids) = state.DecideAppends([Cmd("Q1")], Now);

        Assert.Empty(events);
        Assert.Equal([1L], uids);
    }

    [Fact]
    public void Uids_are_never_reused_after_expunging_the_highest_message()
    {
        var state = Expunge(StateWith("Q1", "Q2"), 2);

        var (_, uids) = state.DecideAppends([Cmd("Q3")], Now);

        Assert.Equal([3L], uids);
    }

    [Fact]
    public void Decide_does_not_change_the_state_it_is_called_on()
    {
        var state = StateWith("Q1");

        state.DecideAppends([Cmd("Q2")], Now);

        Assert.Equal(2, state.NextUid);
        Assert.Single(state.Messages);
    }
}
