using System.Text;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Mail.Actors.Storage;

namespace Mail.Actors.Queue;

/// <summary>
/// One per node (/user/queue). Two jobs:
/// <list type="bullet">
/// <item>The active window (Postfix qmgr_message_active_limit): recipient queues on this node
/// ask for delivery slots before they hand messages to the agents, so however many messages
/// are queued, at most <c>activeLimit</c> are being delivered (bodies read, connections open)
/// at once. Slots of a queue that dies are taken back (DeathWatch).</item>
/// <item>Queue administration (`maild queue ...`): fans a command out to every live queue on every node
/// (remembered entities: every non-empty queue is alive) and merges the answers.</item>
/// </list>
/// </summary>
public sealed class QueueManager : ReceiveActor
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(8);

    private readonly int _activeLimit;
    private readonly IBlobStore _blobs;
    private readonly Func<IActorRef> _queues;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<IActorRef, int> _held = [];
    private readonly LinkedList<(IActorRef Queue, int Wanted)> _waiting = [];
    private int _available;

    public QueueManager(int activeLimit, IBlobStore blobs, Func<IActorRef> queues)
    {
        _activeLimit = activeLimit;
        _available = activeLimit;
        _blobs = blobs;
        _queues = queues;

        Receive<AcquireSlots>(a => Acquire(Sender, a.Wanted));
        Receive<ReleaseSlots>(r => Release(Sender, r.Count));
        Receive<Terminated>(t => Reclaim(t.ActorRef));
        Receive<ReturnAllSlots>(_ => Reclaim(Sender));
        Receive<GetActiveWindow>(_ => Sender.Tell(new ActiveWindow(_activeLimit, _activeLimit - _available, _waiting.Count)));

        Receive<ListQueue>(cmd => FanOut(cmd, answers => new QueueListing(
            [.. answers.OfType<QueueListing>().SelectMany(l => l.Messages).OrderBy(m => m.Arrival).ThenBy(m => m.QueueId)])));
        Receive<FlushQueue>(cmd => FanOut(cmd, Sum));
        Receive<DeleteQueued>(cmd => FanOut(cmd, answers => cmd.QueueId is null ? Sum(answers) : SumOrUnknown(answers, cmd.QueueId)));
        Receive<RetryQueued>(cmd => FanOut(cmd, answers => SumOrUnknown(answers, cmd.QueueId)));
        Receive<HoldQueued>(cmd => FanOut(cmd, answers => SumOrUnknown(answers, cmd.QueueId)));
        Receive<ReleaseQueued>(cmd => FanOut(cmd, answers => SumOrUnknown(answers, cmd.QueueId)));
        Receive<ShowQueued>(cmd => FanOutAsync(cmd, answers => Show(answers, cmd.QueueId)));
    }

    public static Props Props(int activeLimit, IBlobStore blobs, Func<IActorRef> queues) =>
        Akka.Actor.Props.Create(() => new QueueManager(activeLimit, blobs, queues));

    // ---- active window ----

    private void Acquire(IActorRef queue, int wanted)
    {
        RemoveWaiting(queue);
        var granted = Math.Min(Math.Max(wanted, 0), _available);
        if (granted == 0)
        {
            _waiting.AddLast((queue, wanted));
            return;
        }
        Grant(queue, granted);
    }

    private void Grant(IActorRef queue, int count)
    {
        _available -= count;
        if (_held.TryGetValue(queue, out var held))
            _held[queue] = held + count;
        else
        {
            _held[queue] = count;
            Context.Watch(queue);
        }
        queue.Tell(new SlotsGranted(count));
    }

    private void Release(IActorRef queue, int count)
    {
        if (!_held.TryGetValue(queue, out var held))
            return;
        count = Math.Min(count, held);
        _available += count;
        if (held == count)
        {
            _held.Remove(queue);
            Context.Unwatch(queue);
        }
        else
            _held[queue] = held - count;
        ServeWaiting();
    }

    /// A queue died or restarted (same ref, fresh state): its slots are free again.
    private void Reclaim(IActorRef queue)
    {
        if (_held.Remove(queue, out var held))
        {
            _available += held;
            Context.Unwatch(queue);
        }
        RemoveWaiting(queue);
        ServeWaiting();
    }

    private void ServeWaiting()
    {
        while (_available > 0 && _waiting.First is { } first)
        {
            _waiting.RemoveFirst();
            Grant(first.Value.Queue, Math.Min(first.Value.Wanted, _available));
        }
    }

    private void RemoveWaiting(IActorRef queue)
    {
        for (var node = _waiting.First; node is not null; node = node.Next)
        {
            if (node.Value.Queue.Equals(queue))
            {
                _waiting.Remove(node);
                return;
            }
        }
    }

    // ---- administration ----

    private void FanOut(object command, Func<IReadOnlyList<object>, object> merge) =>
        FanOutAsync(command, answers => Task.FromResult(merge(answers)));

    private void FanOutAsync(object command, Func<IReadOnlyList<object>, Task<object>> merge)
    {
        var region = _queues();
        var sender = Sender;
        var log = _log;
        var regions = RegionsOnEveryNode(region);
        Run().PipeTo(sender);

        async Task<object> Run()
        {
            // Each node's region knows only the queues it hosts: ask them all, then reach every
            // queue through the local region, which routes to wherever it lives.
            var states = await Task.WhenAll(regions.Select(async r =>
            {
                try
                {
                    return await r.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout);
                }
                catch (Exception e)
                {
                    log.Warning("queue admin: the queue region {0} did not answer: {1}", r, e.Message);
                    return null;
                }
            }));
            var hops = states.OfType<CurrentShardRegionState>().SelectMany(s => s.Shards).SelectMany(s => s.EntityIds).Distinct().ToArray();
            var answers = await Task.WhenAll(hops.Select(async hop =>
            {
                try
                {
                    return await region.Ask<object>(new ToHopQueue(hop, command), AskTimeout);
                }
                catch (Exception e)
                {
                    log.Warning("queue admin: {0} did not answer {1}: {2}", hop, command.GetType().Name, e.Message);
                    return (object)new Status.Failure(e);
                }
            }));
            return await merge(answers);
        }
    }

    /// The recipient-queue region of every member that is Up (just the local one on a single
    /// node, or before this node has joined).
    private static IReadOnlyList<ICanTell> RegionsOnEveryNode(IActorRef localRegion)
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        var up = cluster.State.Members.Where(m => m.Status == Akka.Cluster.MemberStatus.Up && !m.Address.Equals(cluster.SelfAddress)).ToArray();
        var path = localRegion.Path.ToStringWithoutAddress();
        return [localRegion, .. up.Select(m => (ICanTell)Context.ActorSelection(m.Address + path))];
    }

    private static QueueCommandDone Sum(IReadOnlyList<object> answers) =>
        new(answers.OfType<QueueCommandDone>().Sum(d => d.Affected));

    private static object SumOrUnknown(IReadOnlyList<object> answers, string queueId) =>
        answers.OfType<QueueCommandDone>().Any() ? Sum(answers) : new QueueIdUnknown(queueId);

    private async Task<object> Show(IReadOnlyList<object> answers, string queueId)
    {
        var parts = answers.OfType<QueuedMessageDetail>().ToArray();
        if (parts.Length == 0)
            return new QueueIdUnknown(queueId);
        var headers = "";
        foreach (var blob in parts.SelectMany(p => p.Parts).Select(p => BlobOf(p)))
        {
            try
            {
                headers = HeaderBlock(await _blobs.ReadAllAsync(blob));
                break;
            }
            catch (IOException)
            {
                // this hop's copy is gone; another may still have one
            }
        }
        return new QueuedMessageDetail(
            [.. parts.SelectMany(p => p.Parts)],
            headers,
            [.. parts.SelectMany(p => p.Attempts).OrderBy(a => a.At)]);
    }

    /// The queue's copy of the body is published as "queue id.h" + hop tag; see MessageIntake.
    private static string BlobOf(QueuedMessageView view) => MessageBlobs.ForHop(view.QueueId, view.Hop);

    private static string HeaderBlock(byte[] message)
    {
        var end = message.AsSpan().IndexOf("\r\n\r\n"u8);
        return Encoding.UTF8.GetString(message, 0, end < 0 ? message.Length : end + 2);
    }
}

/// Asks the QueueManager how full the active window is. Replies <see cref="ActiveWindow"/>.
public sealed record GetActiveWindow
{
    public static GetActiveWindow Instance { get; } = new();
}

public sealed record ActiveWindow(int Limit, int InUse, int QueuesWaiting);
