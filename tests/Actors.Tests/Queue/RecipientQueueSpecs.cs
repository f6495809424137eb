using Akka.Actor;
using Akka.TestKit;
using Mail.Actors.Bounces;
using Mail.Actors.Delivery;
using Mail.Actors.Queue;
using Mail.Actors.Tests.Support;
using Mail.Protocols.Smtp;
using Envelope = Mail.Actors.Delivery.Envelope;

namespace Mail.Actors.Tests.Queue;

/// <summary>
/// One hop's queue on a real SQLite journal, with probes standing in for the delivery agent and
/// the bouncer (they are the queue's peers, answered here the way the real ones answer), and a
/// real QueueManager. Backoff is shortened to a second so retries happen within the test.
/// </summary>
public sealed class RecipientQueueSpecs : PersistentSpec
{
    private const string Hop = "smtp:remote.test";
    private static readonly RetrySchedule FastRetry = new(
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestProbe _agent;
    private readonly TestProbe _bouncer;

    public RecipientQueueSpecs(ITestOutputHelper output)
        : base(output)
    {
        _agent = CreateTestProbe("agent");
        _bouncer = CreateTestProbe("bouncer");
    }

    private IActorRef Manager(int limit = 100) => Sys.ActorOf(QueueManager.Props(limit, Blobs, () => ActorRefs.Nobody));

    private QueueServices Services(IActorRef manager, RetrySchedule? schedule = null) =>
        new(Blobs, _agent, manager, _bouncer, schedule ?? FastRetry, "mx.test", TimeSpan.FromSeconds(30));

    private IActorRef Queue(QueueServices services) => Sys.ActorOf(RecipientQueueActor.Props(Hop, services));

    private async Task<EnqueueMessage> Message(string queueId, string sender = "alice@local.test", params DeliveryRecipient[] recipients)
    {
        var blobId = MessageBlobs.ForHop(queueId, Hop);
        using var blob = Blobs.Create(queueId);
        blob.Write("Subject: hi\r\n\r\nbody\r\n"u8);
        await blob.CommitAsync([blobId]);
        return new EnqueueMessage(Hop, queueId, new Envelope(sender), blobId, 21, DateTimeOffset.UtcNow,
            recipients.Length > 0 ? recipients : [new DeliveryRecipient("bob@remote.test")]);
    }

    private DeliveryRequest ExpectRequest(TimeSpan? within = null) =>
        _agent.ExpectMsg<DeliveryRequest>(within ?? TimeSpan.FromSeconds(10), cancellationToken: Ct);

    private void Report(DeliveryRequest request, params RecipientOutcome[] outcomes) =>
        _agent.Reply(request.Report(outcomes));

    private static RecipientOutcome Sent(string address) => new(address, DeliveryStatus.Delivered, "2.0.0", "250 2.0.0 Ok", "mx.remote.test[127.0.0.1]:25");

    private static RecipientOutcome Deferred(string address) => new(address, DeliveryStatus.Deferred, "4.2.0", "450 4.2.0 try later", "mx.remote.test[127.0.0.1]:25");

    private static RecipientOutcome Bounced(string address) => new(address, DeliveryStatus.Failed, "5.1.1", "550 5.1.1 no such user", "mx.remote.test[127.0.0.1]:25", "mx.remote.test");

    private async Task<QueueListing> List(IActorRef queue) => await queue.AskFor<QueueListing>(new ListQueue());

    [Fact]
    public async Task Enqueued_message_is_acknowledged_delivered_and_its_blob_deleted()
    {
        var queue = Queue(Services(Manager()));
        var msg = await Message("Q0000000000000001");

        var ack = await queue.AskFor<MessageEnqueued>(msg);
        Assert.Equal(msg.QueueId, ack.QueueId);
        var request = ExpectRequest();
        Assert.Equal(["bob@remote.test"], request.Recipients.Select(r => r.Address));
        Assert.Equal(msg.BlobId, request.BlobId);
        Report(request, Sent("bob@remote.test"));

        await AwaitAssertAsync(async () => Assert.Empty((await List(queue)).Messages), TimeSpan.FromSeconds(5), cancellationToken: Ct);
        await AwaitConditionAsync(() => Task.FromResult(!Blobs.Exists(msg.BlobId)), TimeSpan.FromSeconds(5), cancellationToken: Ct);
        _bouncer.ExpectNoMsg(TimeSpan.FromMilliseconds(200), Ct);
    }

    [Fact]
    public async Task Deferred_recipient_is_listed_with_its_error_then_retried_after_the_backoff()
    {
        var queue = Queue(Services(Manager()));
        var msg = await Message("Q0000000000000002");
        await queue.AskFor<MessageEnqueued>(msg);

        Report(ExpectRequest(), Deferred("bob@remote.test"));
        await AwaitAssertAsync(async () =>
        {
            var r = Assert.Single(Assert.Single((await List(queue)).Messages).Recipients);
            Assert.Equal((RecipientStatus.Deferred, 1, "450 4.2.0 try later"), (r.Status, r.Attempts, r.LastError));
            Assert.NotNull(r.NextAttempt);
        }, TimeSpan.FromSeconds(5), cancellationToken: Ct);

        var retry = ExpectRequest(TimeSpan.FromSeconds(5));
        Assert.Equal(msg.QueueId, retry.QueueId);
        Report(retry, Sent("bob@remote.test"));
        await AwaitAssertAsync(async () => Assert.Empty((await List(queue)).Messages), TimeSpan.FromSeconds(5), cancellationToken: Ct);
    }

    [Fact]
    public async Task Failed_recipient_gets_one_notice_and_the_message_leaves_once_it_is_queued()
    {
        var queue = Queue(Services(Manager()));
        var msg = await Message("Q0000000000000003", "alice@local.test",
            new DeliveryRecipient("bob@remote.test", OriginalRecipient: new OriginalRecipient("rfc822", "bob@remote.test")),
            new DeliveryRecipient("carol@remote.test"),
            new DeliveryRecipient("dave@remote.test"));
        await queue.AskFor<MessageEnqueued>(msg);

        Report(ExpectRequest(), Bounced("bob@remote.test"), Bounced("carol@remote.test"), Sent("dave@remote.test"));

        var notice = _bouncer.ExpectMsg<SendNotice>(TimeSpan.FromSeconds(5), cancellationToken: Ct);
        Assert.Equal("alice@local.test", notice.Request.Recipient);
        Assert.Equal(msg.BlobId, notice.OriginalBlobId);
        Assert.Equal(["bob@remote.test", "carol@remote.test"], notice.Request.Recipients.Select(r => r.Address));
        Assert.All(notice.Request.Recipients, r => Assert.Equal((DsnAction.Failed, "5.1.1", "mx.remote.test"), (r.Action, r.Status, r.RemoteMta)));
        Assert.Equal("bob@remote.test", notice.Request.Recipients[0].OriginalRecipient?.Address);
        Assert.StartsWith(msg.QueueId, notice.NoticeId);

        // Until the bouncer confirms, the message stays (a crash now would re-send the same notice id).
        Assert.Single((await List(queue)).Messages);
        _bouncer.Reply(new NoticeQueued(notice.NoticeId));
        await AwaitAssertAsync(async () => Assert.Empty((await List(queue)).Messages), TimeSpan.FromSeconds(5), cancellationToken: Ct);
        _agent.ExpectNoMsg(TimeSpan.FromMilliseconds(300), Ct);
    }

    [Fact]
    public async Task No_notice_for_the_null_sender_nor_for_notify_never()
    {
        var queue = Queue(Services(Manager()));
        var bounce = await Message("Q0000000000000004", "");
        var never = await Message("Q0000000000000005", "alice@local.test", new DeliveryRecipient("bob@remote.test", DsnNotify.Never));
        await queue.AskFor<MessageEnqueued>(bounce);
        await queue.AskFor<MessageEnqueued>(never);

        for (var i = 0; i < 2; i++)
        {
            var request = ExpectRequest();
            Report(request, Bounced("bob@remote.test"));
        }
        await AwaitAssertAsync(async () => Assert.Empty((await List(queue)).Messages), TimeSpan.FromSeconds(5), cancellationToken: Ct);
        _bouncer.ExpectNoMsg(TimeSpan.FromMilliseconds(300), Ct);
    }

    [Fact]
    public async Task Success_notice_when_asked_for_with_notify_success()
    {
        var queue = Queue(Services(Manager()));
        var msg = await Message("Q0000000000000006", "alice@local.test", new DeliveryRecipient("bob@remote.test", DsnNotify.Success | DsnNotify.Failure));
        await queue.AskFor<MessageEnqueued>(msg);
        Report(ExpectRequest(), Sent("bob@remote.test") with { Relayed = true });

        var notice = _bouncer.ExpectMsg<SendNotice>(TimeSpan.FromSeconds(5), cancellationToken: Ct);
        Assert.Equal(DsnAction.Relayed, Assert.Single(notice.Request.Recipients).Action);
    }

    [Fact]
    public async Task Mail_deferred_past_its_lifetime_is_returned_with_the_last_temporary_reason()
    {
        var schedule = FastRetry with { MaximalLifetime = TimeSpan.FromSeconds(1) };
        var queue = Queue(Services(Manager(), schedule));
        await queue.AskFor<MessageEnqueued>(await Message("Q0000000000000007"));

        var first = ExpectRequest();
        await Task.Delay(1100, TestContext.Current.CancellationToken);
        Report(first, Deferred("bob@remote.test"));

        var notice = _bouncer.ExpectMsg<SendNotice>(TimeSpan.FromSeconds(5), cancellationToken: Ct);
        var r = Assert.Single(notice.Request.Recipients);
        Assert.Equal((DsnAction.Failed, "4.2.0"), (r.Action, r.Status));
    }

    [Fact]
    public async Task Delay_warning_once_when_configured()
    {
        var schedule = FastRetry with { DelayWarning = TimeSpan.FromMilliseconds(1) };
        var queue = Queue(Services(Manager(), schedule));
        await queue.AskFor<MessageEnqueued>(await Message("Q0000000000000008"));

        Report(ExpectRequest(), Deferred("bob@remote.test"));
        var notice = _bouncer.ExpectMsg<SendNotice>(TimeSpan.FromSeconds(5), cancellationToken: Ct);
        var r = Assert.Single(notice.Request.Recipients);
        Assert.Equal(DsnAction.Delayed, r.Action);
        Assert.NotNull(r.WillRetryUntil);
        _bouncer.Reply(new NoticeQueued(notice.NoticeId));

        Report(ExpectRequest(TimeSpan.FromSeconds(5)), Deferred("bob@remote.test"));
        _bouncer.ExpectNoMsg(TimeSpan.FromMilliseconds(500), Ct);
        Assert.Single((await List(queue)).Messages);
    }

    [Fact]
    public async Task A_repeated_enqueue_is_acknowledged_without_a_second_delivery()
    {
        var queue = Queue(Services(Manager()));
        var msg = await Message("Q0000000000000009");
        await queue.AskFor<MessageEnqueued>(msg);
        var request = ExpectRequest();
        await queue.AskFor<MessageEnqueued>(msg);
        Report(request, Sent("bob@remote.test"));
        await AwaitAssertAsync(async () => Assert.Empty((await List(queue)).Messages), TimeSpan.FromSeconds(5), cancellationToken: Ct);

        // Also after it left the queue: the id is remembered.
        await queue.AskFor<MessageEnqueued>(msg);
        _agent.ExpectNoMsg(TimeSpan.FromMilliseconds(500), Ct);
    }

    [Fact]
    public async Task Queued_mail_survives_a_restart_and_is_delivered_again()
    {
        var services = Services(Manager());
        var queue = Queue(services);
        var msg = await Message("Q0000000000000010");
        await queue.AskFor<MessageEnqueued>(msg);
        ExpectRequest(); // never answered: the node "dies" mid-delivery

        await WatchStop(queue);
        var again = Queue(services);
        var request = ExpectRequest();
        Assert.Equal(msg.QueueId, request.QueueId);
        Report(request, Sent("bob@remote.test"));
        await AwaitAssertAsync(async () => Assert.Empty((await List(again)).Messages), TimeSpan.FromSeconds(5), cancellationToken: Ct);
    }

    [Fact]
    public async Task Held_message_waits_until_released_and_flush_retries_deferred_mail_at_once()
    {
        var slow = FastRetry with { MinimalBackoff = TimeSpan.FromHours(1), MaximalBackoff = TimeSpan.FromHours(1) };
        var queue = Queue(Services(Manager(), slow));
        var msg = await Message("Q0000000000000011");
        await queue.AskFor<MessageEnqueued>(msg);
        Report(ExpectRequest(), Deferred("bob@remote.test"));
        await AwaitAssertAsync(async () => Assert.Equal(1, Assert.Single((await List(queue)).Messages).Recipients[0].Attempts), TimeSpan.FromSeconds(5), cancellationToken: Ct);

        Assert.Equal(1, (await queue.AskFor<QueueCommandDone>(new FlushQueue())).Affected);
        Report(ExpectRequest(), Deferred("bob@remote.test"));

        Assert.Equal(1, (await queue.AskFor<QueueCommandDone>(new HoldQueued(msg.QueueId))).Affected);
        Assert.True(Assert.Single((await List(queue)).Messages).Held);
        Assert.Equal(0, (await queue.AskFor<QueueCommandDone>(new FlushQueue())).Affected);
        _agent.ExpectNoMsg(TimeSpan.FromMilliseconds(300), Ct);

        Assert.Equal(1, (await queue.AskFor<QueueCommandDone>(new ReleaseQueued(msg.QueueId))).Affected);
        Report(ExpectRequest(), Sent("bob@remote.test"));
        await queue.AskFor<QueueIdUnknown>(new RetryQueued("NOSUCHID"));
    }

    [Fact]
    public async Task Deleted_message_is_gone_without_a_notice_and_its_blob_removed()
    {
        var slow = FastRetry with { MinimalBackoff = TimeSpan.FromHours(1), MaximalBackoff = TimeSpan.FromHours(1) };
        var queue = Queue(Services(Manager(), slow));
        var msg = await Message("Q0000000000000012");
        await queue.AskFor<MessageEnqueued>(msg);
        Report(ExpectRequest(), Deferred("bob@remote.test"));
        await AwaitAssertAsync(async () => Assert.Equal(RecipientStatus.Deferred, Assert.Single((await List(queue)).Messages).Recipients[0].Status), TimeSpan.FromSeconds(5), cancellationToken: Ct);

        Assert.Equal(1, (await queue.AskFor<QueueCommandDone>(new DeleteQueued(msg.QueueId))).Affected);
        Assert.Empty((await List(queue)).Messages);
        await AwaitConditionAsync(() => Task.FromResult(!Blobs.Exists(msg.BlobId)), TimeSpan.FromSeconds(5), cancellationToken: Ct);
        _bouncer.ExpectNoMsg(TimeSpan.FromMilliseconds(200), Ct);
        await queue.AskFor<QueueIdUnknown>(new DeleteQueued(msg.QueueId));
    }

    [Fact]
    public async Task The_active_window_bounds_deliveries_in_flight()
    {
        var queue = Queue(Services(Manager(limit: 2)));
        for (var i = 0; i < 5; i++)
            await queue.AskFor<MessageEnqueued>(await Message($"Q00000000000001{i}"));

        var inFlight = new List<DeliveryRequest> { ExpectRequest(), ExpectRequest() };
        _agent.ExpectNoMsg(TimeSpan.FromMilliseconds(500), Ct);
        var delivered = 0;
        while (inFlight.Count > 0)
        {
            var r = inFlight[0];
            inFlight.RemoveAt(0);
            _agent.Send(queue, r.Report([Sent("bob@remote.test")]));
            delivered++;
            if (delivered <= 3)
                inFlight.Add(ExpectRequest());
        }
        Assert.Equal(5, delivered);
        _agent.ExpectNoMsg(TimeSpan.FromMilliseconds(300), Ct);
    }

    [Fact]
    public async Task A_late_report_of_a_timed_out_attempt_still_counts_and_nothing_is_sent_twice()
    {
        var services = Services(Manager()) with { AttemptTimeout = TimeSpan.FromMilliseconds(300) };
        var queue = Queue(services);
        await queue.AskFor<MessageEnqueued>(await Message("Q0000000000000020"));
        var first = ExpectRequest();
        Assert.True(first.NotAfter <= DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));

        // No answer: after twice the attempt timeout the queue records a deferral on its own.
        await AwaitAssertAsync(async () => Assert.Equal(RecipientStatus.Deferred, Assert.Single((await List(queue)).Messages).Recipients[0].Status),
            TimeSpan.FromSeconds(5), cancellationToken: Ct);
        // Then the agent's answer arrives after all: the delivery did happen.
        _agent.Send(queue, first.Report([Sent("bob@remote.test")]));
        await AwaitAssertAsync(async () => Assert.Empty((await List(queue)).Messages), TimeSpan.FromSeconds(5), cancellationToken: Ct);
        _agent.ExpectNoMsg(TimeSpan.FromMilliseconds(1500), Ct); // no retry of a delivered message
        _bouncer.ExpectNoMsg(TimeSpan.FromMilliseconds(100), Ct);
    }

    [Fact]
    public async Task A_failure_after_a_delay_warning_in_flight_still_gets_its_own_notice()
    {
        var schedule = FastRetry with { DelayWarning = TimeSpan.FromMilliseconds(1) };
        var queue = Queue(Services(Manager(), schedule));
        await queue.AskFor<MessageEnqueued>(await Message("Q0000000000000021"));

        Report(ExpectRequest(), Deferred("bob@remote.test"));
        var delay = _bouncer.ExpectMsg<SendNotice>(TimeSpan.FromSeconds(5), cancellationToken: Ct);
        var bouncer = _bouncer.LastSender;
        Assert.Equal(DsnAction.Delayed, delay.Request.Recipients[0].Action);

        // The retry fails for good while the delay notice is still unconfirmed.
        Report(ExpectRequest(TimeSpan.FromSeconds(5)), Bounced("bob@remote.test"));
        await AwaitAssertAsync(async () => Assert.Equal(RecipientStatus.Failed, Assert.Single((await List(queue)).Messages).Recipients[0].Status),
            TimeSpan.FromSeconds(5), cancellationToken: Ct);
        _bouncer.ExpectNoMsg(TimeSpan.FromMilliseconds(200), Ct); // one notice at a time per message
        bouncer.Tell(new NoticeQueued(delay.NoticeId), _bouncer);

        var failure = _bouncer.ExpectMsg<SendNotice>(TimeSpan.FromSeconds(5), cancellationToken: Ct);
        Assert.Equal(DsnAction.Failed, failure.Request.Recipients[0].Action);
        Assert.NotEqual(delay.NoticeId, failure.NoticeId);
        _bouncer.Reply(new NoticeQueued(failure.NoticeId));
        await AwaitAssertAsync(async () => Assert.Empty((await List(queue)).Messages), TimeSpan.FromSeconds(5), cancellationToken: Ct);
    }

    private async Task WatchStop(IActorRef actor)
    {
        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(actor, cancellationToken: TestContext.Current.CancellationToken);
    }
}
