using Mail.Actors.Delivery;
using Mail.Actors.Queue;
using Mail.Protocols.Smtp;
using Envelope = Mail.Actors.Delivery.Envelope;

namespace Mail.Actors.Tests.Queue;

public sealed class QueueStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static QueueState Queued(string sender = "a@x.test", params DeliveryRecipient[] recipients) =>
        QueueState.Empty.Apply(new MessageQueued("Q1", new Envelope(sender), "Q1.hLOCAL", 10, T0, recipients));

    private static DeliveryAttempted Attempt(params RecipientOutcome[] outcomes) => new("Q1", T0.AddMinutes(1), outcomes, T0.AddMinutes(6));

    [Fact]
    public void A_leaving_message_frees_only_the_queue_copy_never_a_mailbox_copy()
    {
        var state = Queued("a@x.test",
            new DeliveryRecipient("b@l.test", MailboxId: "b@l.test", BlobId: "Q1.0"),
            new DeliveryRecipient("c@l.test", NotifyNever(), MailboxId: "c@l.test", BlobId: "Q1.1"));
        var attempt = Attempt(
            new RecipientOutcome("b@l.test", DeliveryStatus.Delivered, "2.0.0", "delivered"),
            new RecipientOutcome("c@l.test", DeliveryStatus.Failed, "5.3.0", "gone"));

        var retired = state.Updated(attempt);
        Assert.NotNull(retired);
        Assert.True(retired.IsDone); // c has NOTIFY=NEVER: no notice owed
        Assert.Equal(["Q1.hLOCAL"], retired.OwnedBlobs()); // c's copy may be in its mailbox after a slow append
        var after = state.Apply(attempt);
        Assert.Empty(after.Messages);
        Assert.True(after.Knows("Q1"));
    }

    private static DsnNotify NotifyNever() => DsnNotify.Never;

    [Fact]
    public void Deferred_keeps_the_message_with_the_next_attempt_and_counts_attempts()
    {
        var state = Queued("a@x.test", new DeliveryRecipient("b@r.test"));
        var deferred = new RecipientOutcome("b@r.test", DeliveryStatus.Deferred, "4.4.1", "connect refused");
        state = state.Apply(Attempt(deferred)).Apply(Attempt(deferred));

        var r = Assert.Single(state.Messages["Q1"].Recipients);
        Assert.Equal((RecipientStatus.Deferred, 2, T0.AddMinutes(6)), (r.Status, r.Attempts, r.NextAttempt));
        Assert.Equal(T0.AddMinutes(6), state.Messages["Q1"].DueAt());
        Assert.Equal(2, state.Messages["Q1"].History.Count);
    }

    [Fact]
    public void Failure_owes_a_notice_until_notices_sent()
    {
        var state = Queued("a@x.test", new DeliveryRecipient("b@r.test"))
            .Apply(Attempt(new RecipientOutcome("b@r.test", DeliveryStatus.Failed, "5.1.1", "unknown")));
        Assert.Equal(NoticeKind.Failure, state.Messages["Q1"].Recipients[0].PendingNotice);

        // A notice of another kind (an earlier delay warning) does not settle the failure notice.
        state = state.Apply(new NoticesSent("Q1", ["b@r.test"], NoticeKind.Delay));
        Assert.Equal(NoticeKind.Failure, state.Messages["Q1"].Recipients[0].PendingNotice);

        state = state.Apply(new NoticesSent("Q1", ["b@r.test"], NoticeKind.Failure));
        Assert.Empty(state.Messages);
    }

    [Fact]
    public void Events_for_unknown_messages_change_nothing()
    {
        var state = QueueState.Empty.Apply(Attempt(new RecipientOutcome("b@r.test", DeliveryStatus.Delivered, "2.0.0", "ok")))
            .Apply(new MessageDeleted("Q1")).Apply(new MessageHeld("Q1"));
        Assert.Same(QueueState.Empty.Messages, state.Messages);
        Assert.False(state.Knows("Q1"));
    }

    [Fact]
    public void Retry_waits_grow_with_time_in_queue_between_the_bounds()
    {
        var s = RetrySchedule.Defaults;
        Assert.Equal(T0.AddSeconds(10 + 300), s.NextAttempt(T0, T0.AddSeconds(10)));
        Assert.Equal(T0.AddSeconds(1000 + 1000), s.NextAttempt(T0, T0.AddSeconds(1000)));
        Assert.Equal(T0.AddDays(1).AddSeconds(4000), s.NextAttempt(T0, T0.AddDays(1)));
        Assert.True(s.Expired(T0, "a@x.test", T0.AddDays(5)));
        Assert.False(s.Expired(T0, "a@x.test", T0.AddDays(4.9)));
    }
}
