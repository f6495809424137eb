using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;

namespace Mail.Host.Management;

/// <summary>
/// `maild cluster ...` on this node's view of the membership (Akka.Cluster's gossip state):
/// what it shows may lag the other nodes by a gossip round, as Petabridge.Cmd's does.
/// Leave and down are the same calls `Cluster.Leave`/`Cluster.Down` a node makes itself.
/// </summary>
public static class ClusterInspector
{
    public static ClusterView View(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var members = state.Members.Concat(state.Unreachable.Where(m => !state.Members.Contains(m)))
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new MemberView(m.Address.ToString(), m.Status.ToString(), m.Roles.OrderBy(r => r, StringComparer.Ordinal).ToArray(), !unreachable.Contains(m.Address)))
            .ToArray();
        return new ClusterView(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members,
            unreachable.Select(a => a.ToString()).OrderBy(a => a, StringComparer.Ordinal).ToArray());
    }

    /// <summary>Parses "akka.tcp://maild@host:port" (the form `maild cluster show` prints).</summary>
    /// <returns>null when it is no member address of this cluster.</returns>
    public static Address? Member(ActorSystem system, string text)
    {
        Address address;
        try
        {
            address = Address.Parse(text.Trim());
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            return null;
        }
        var state = Cluster.Get(system).State;
        return state.Members.Concat(state.Unreachable).Any(m => m.Address == address) ? address : null;
    }

    public static ClusterCommandDone Leave(ActorSystem system, Address address)
    {
        Cluster.Get(system).Leave(address);
        return new ClusterCommandDone("leave", [address.ToString()]);
    }

    public static ClusterCommandDone Down(ActorSystem system, Address address)
    {
        Cluster.Get(system).Down(address);
        return new ClusterCommandDone("down", [address.ToString()]);
    }

    /// Downs every member this node cannot reach: what an admin does when the resolver cannot decide.
    public static ClusterCommandDone DownUnreachable(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        var addresses = cluster.State.Unreachable.Select(m => m.Address).ToArray();
        foreach (var address in addresses)
            cluster.Down(address);
        return new ClusterCommandDone("down-unreachable", addresses.Select(a => a.ToString()).ToArray());
    }

    /// <summary>
    /// Membership events from now on (the current members first, as "MemberUp"-style events),
    /// until <paramref name="ct"/> is cancelled: a short-lived subscriber actor writes into a
    /// channel that the HTTP response drains.
    /// </summary>
    public static async IAsyncEnumerable<ClusterEventView> TailAsync(ActorSystem system, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<ClusterEventView>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        var subscriber = system.ActorOf(Props.Create(() => new TailSubscriber(channel.Writer)));
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(ct))
                yield return e;
        }
        finally
        {
            system.Stop(subscriber);
        }
    }

    private sealed class TailSubscriber : ReceiveActor
    {
        public TailSubscriber(ChannelWriter<ClusterEventView> writer)
        {
            Receive<ClusterEvent.IMemberEvent>(e => writer.TryWrite(new ClusterEventView(DateTimeOffset.UtcNow, e.GetType().Name, e.Member.Address.ToString(), e.Member.Status.ToString())));
            Receive<ClusterEvent.ReachabilityEvent>(e => writer.TryWrite(new ClusterEventView(DateTimeOffset.UtcNow, e.GetType().Name, e.Member.Address.ToString(), e.Member.Status.ToString())));
            Receive<ClusterEvent.LeaderChanged>(e => writer.TryWrite(new ClusterEventView(DateTimeOffset.UtcNow, "LeaderChanged", e.Leader?.ToString() ?? "", "")));
        }

        protected override void PreStart() => Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.ReachabilityEvent), typeof(ClusterEvent.LeaderChanged));

        protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
