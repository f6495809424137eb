using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.TestKit;
using Mail.Actors.Delivery;
using Mail.Actors.Mailbox;
using Mail.Actors.Queue;
using Mail.Actors.Storage;
using Mail.Actors.Tests.Support;
using Envelope = Mail.Actors.Delivery.Envelope;

namespace Mail.Actors.Tests.Serialization;

/// <summary>
/// Mailboxes and recipient queues across two real nodes in one process: a cluster on loopback
/// whose shard regions live only on node B (role "mailbox"), node A (this TestKit's system, role
/// "session") reaching them through proxies, both on one SQLite journal in WAL mode. Every command from A,
/// every answer, and every push to a session on A crosses real remoting, so it is
/// serialized (serialize-messages is off): session refs must come back working, lock holders
/// and origins must compare equal after the trip, and remote death watch must free a lock.
/// </summary>
public sealed class TwoNodeClusterTests : Akka.TestKit.Xunit.TestKit
{
    private const string SystemName = "maild-two-nodes";
    private const string Id = "alice@example.com";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Arrival = new(2026, 11, 27, 5, 30, 0, TimeSpan.Zero);

    private readonly TempFolder _folder;
    private readonly ActorSystem _nodeB;

    public TwoNodeClusterTests(ITestOutputHelper output) : this(new TempFolder(), output)
    {
    }

    private TwoNodeClusterTests(TempFolder folder, ITestOutputHelper output)
        : base(Node("session", folder), SystemName, output)
    {
        _folder = folder;
        _nodeB = ActorSystem.Create(SystemName, Node("mailbox", folder));
    }

    private static Config Node(string role, TempFolder folder) =>
        ConfigurationFactory.ParseString($"akka.cluster.roles = [{role}]")
            .WithFallback(LoopbackNodes.Remoting("cluster"))
            .WithFallback(MailTestConfig.Persistent(folder.Combine("journal.db")));

    [Fact]
    public async Task An_IMAP_session_on_A_selects_a_folder_on_B_and_hears_of_appends_and_of_its_own_store()
    {
        var (proxy, regionB, _) = await FormCluster();
        var deliverer = CreateTestProbe();
        var session = CreateTestProbe();

        deliverer.Send(proxy, new AppendToMailbox(Id, "Q1", "Q1.0", 100, Arrival));
        Assert.Equal(1, (await deliverer.ExpectMsgAsync<MessageAppended>(Wait, cancellationToken: Ct)).Uid);
        session.Send(proxy, new SelectFolder(Id, "INBOX", session.Ref, ReadOnly: false));
        var selected = await session.ExpectMsgAsync<FolderSelected>(Wait, cancellationToken: Ct);
        Assert.Equal(["Q1"], selected.Messages.Select(m => m.QueueId));

        // a delivery on B reaches the session on A
        await regionB.Ask<MessageAppended>(new AppendToMailbox(Id, "Q2", "Q2.0", 200, Arrival.AddMinutes(1)), Wait, Ct);
        var appended = await session.ExpectMsgAsync<FolderChanged>(Wait, cancellationToken: Ct);
        Assert.Equal([2L], appended.Appended.Select(m => m.Uid));
        Assert.Equal(Arrival.AddMinutes(1), appended.Appended[0].InternalDate);
        Assert.Null(appended.Origin);

        // the session's own STORE: the origin that went to B comes back as the session itself
        session.Send(proxy, new StoreFlags(Id, "INBOX", [1], StoreFlagsMode.Add, [MessageFlags.Seen], null, session.Ref));
        var changed = await session.ExpectMsgAsync<FolderChanged>(Wait, cancellationToken: Ct);
        Assert.Equal(session.Ref, changed.Origin);
        Assert.Equal([MessageFlags.Seen], Assert.Single(changed.FlagsChanged).Flags);
        var stored = await session.ExpectMsgAsync<FlagsStored>(Wait, cancellationToken: Ct);
        Assert.Equal(1, Assert.Single(stored.Changed).Uid);

        var hosted = await regionB.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Wait, Ct);
        Assert.Contains(Id, hosted.Shards.SelectMany(s => s.EntityIds));
    }

    [Fact]
    public async Task A_POP3_session_on_A_locks_the_maildrop_on_B_and_a_dead_session_frees_it()
    {
        var (proxy, _, _) = await FormCluster();
        var client = CreateTestProbe();
        client.Send(proxy, new AppendToMailbox(Id, "Q1", "Q1.0", 100, Arrival));
        await client.ExpectMsgAsync<MessageAppended>(Wait, cancellationToken: Ct);
        client.Send(proxy, new AppendToMailbox(Id, "Q2", "Q2.0", 200, Arrival));
        await client.ExpectMsgAsync<MessageAppended>(Wait, cancellationToken: Ct);

        var crashing = CreateTestProbe();
        crashing.Send(proxy, new OpenMaildrop(Id, crashing.Ref));
        Assert.Equal(2, (await crashing.ExpectMsgAsync<MaildropOpened>(Wait, cancellationToken: Ct)).Messages.Count);
        var pop = CreateTestProbe();
        pop.Send(proxy, new OpenMaildrop(Id, pop.Ref));
        await pop.ExpectMsgAsync<MaildropInUse>(Wait, cancellationToken: Ct);

        // B watches the session on A across the network: its death frees the lock
        Sys.Stop(crashing.Ref);
        await AwaitAssertAsync(async () =>
        {
            pop.Send(proxy, new OpenMaildrop(Id, pop.Ref));
            Assert.IsType<MaildropOpened>(await pop.ReceiveOneAsync(TimeSpan.FromSeconds(3), Ct));
        }, Wait, TimeSpan.FromMilliseconds(300), Ct);

        // the lock holder B remembered is the same ref that comes with CloseMaildrop
        pop.Send(proxy, new CloseMaildrop(Id, pop.Ref, [1]));
        Assert.Equal(1, (await pop.ExpectMsgAsync<MaildropClosed>(Wait, cancellationToken: Ct)).Expunged);
        client.Send(proxy, new GetMailboxStatus(Id));
        var status = await client.ExpectMsgAsync<MailboxStatus>(Wait, cancellationToken: Ct);
        Assert.Equal((1, 200L), (status.Count, status.TotalSize));
    }

    [Fact]
    public async Task Intake_on_A_enqueues_on_B_and_queue_admin_from_A_reaches_the_queue_on_B()
    {
        const string hop = "smtp:example.org";
        var (_, _, queues) = await FormCluster();
        var client = CreateTestProbe();
        var recipient = new DeliveryRecipient("bob@example.org", Mail.Protocols.Smtp.DsnNotify.Failure);

        client.Send(queues, new EnqueueMessage(hop, "Q1", new Envelope("alice@example.com"), "Q1.hsmtp", 300, Arrival, [recipient]));
        Assert.Equal("Q1", (await client.ExpectMsgAsync<MessageEnqueued>(Wait, cancellationToken: Ct)).QueueId);

        // what QueueManager's fan-out sends: a wrapped admin command, through the region
        client.Send(queues, new ToHopQueue(hop, new HoldQueued("Q1")));
        Assert.Equal(1, (await client.ExpectMsgAsync<QueueCommandDone>(Wait, cancellationToken: Ct)).Affected);
        client.Send(queues, new ToHopQueue(hop, new ListQueue()));
        var listed = Assert.Single((await client.ExpectMsgAsync<QueueListing>(Wait, cancellationToken: Ct)).Messages);
        Assert.Equal(("Q1", hop, true, Arrival), (listed.QueueId, listed.Hop, listed.Held, listed.Arrival));
        Assert.Equal("bob@example.org", Assert.Single(listed.Recipients).Address);
        client.Send(queues, new ToHopQueue(hop, new ShowQueued("Q9")));
        Assert.Equal("Q9", (await client.ExpectMsgAsync<QueueIdUnknown>(Wait, cancellationToken: Ct)).QueueId);
    }

    /// <summary>
    /// B seeds the cluster and hosts both regions; A joins and starts a proxy to each. B's queues
    /// get no delivery agents and a manager that never grants a slot, so what is queued stays queued.
    /// </summary>
    private async Task<(IActorRef Mailboxes, IActorRef MailboxesOnB, IActorRef Queues)> FormCluster()
    {
        var blobs = new FileBlobStore(_folder.Combine("data"));
        var clusterB = Akka.Cluster.Cluster.Get(_nodeB);
        await clusterB.JoinAsync(clusterB.SelfAddress, Ct);
        await Akka.Cluster.Cluster.Get(Sys).JoinAsync(clusterB.SelfAddress, Ct);
        await AwaitAssertAsync(
            () => Assert.Equal(2, Akka.Cluster.Cluster.Get(Sys).State.Members.Count(m => m.Status == MemberStatus.Up)),
            Wait, TimeSpan.FromMilliseconds(200), Ct);

        var sharding = ClusterSharding.Get(_nodeB);
        var settings = ClusterShardingSettings.Create(_nodeB).WithRole("mailbox");
        var regionB = await sharding.StartAsync(
            "mailbox", id => MailboxActor.Props(id, blobs), settings, new MailboxMessageExtractor(),
            sharding.DefaultShardAllocationStrategy(settings), StopMailbox.Instance);
        var services = new QueueServices(blobs, ActorRefs.Nobody, ActorRefs.Nobody, ActorRefs.Nobody, RetrySchedule.Defaults, "mx.example.com", TimeSpan.FromMinutes(1));
        await sharding.StartAsync(
            "recipient-queue", hop => RecipientQueueActor.Props(hop, services), settings, new RecipientQueueMessageExtractor(),
            sharding.DefaultShardAllocationStrategy(settings), StopQueue.Instance);
        var proxy = await ClusterSharding.Get(Sys).StartProxyAsync("mailbox", "mailbox", new MailboxMessageExtractor());
        var queues = await ClusterSharding.Get(Sys).StartProxyAsync("recipient-queue", "mailbox", new RecipientQueueMessageExtractor());
        return (proxy, regionB, queues);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _nodeB.Terminate().Wait(TimeSpan.FromSeconds(15));
            _folder.Dispose();
        }
    }
}
