using Akka.Actor;
using Mail.Actors.Storage;

namespace Mail.Actors.Delivery.Remote;

/// <summary>
/// The parent of every <see cref="RemoteDestination"/> (/user/delivery/remote): one child per
/// next hop, created on the first request and forwarded to (so replies go straight to the
/// queue). An idle child asks to stop; from then until it has terminated, requests for its
/// hop are held here and handed to a fresh child, so none is lost to a stopping actor.
/// All children share one <see cref="MxResolver"/> and its DNS cache.
/// </summary>
public sealed class RemoteDelivery : ReceiveActor
{
    private readonly RemoteDeliverySettings _settings;
    private readonly IBlobStore _blobs;
    private readonly MxResolver _resolver;
    private readonly Dictionary<string, IActorRef> _children = [];
    private readonly Dictionary<IActorRef, string> _hops = [];
    private readonly Dictionary<string, List<(DeliveryRequest Request, IActorRef ReplyTo)>> _stopping = [];

    public RemoteDelivery(RemoteDeliverySettings settings, IBlobStore blobs)
    {
        _settings = settings;
        _blobs = blobs;
        _resolver = new MxResolver(settings);

        Receive<DeliveryRequest>(OnRequest);
        Receive<DestinationIdle>(idle =>
        {
            if (!_children.TryGetValue(idle.Hop, out var child) || !child.Equals(Sender))
                return;
            _children.Remove(idle.Hop);
            _stopping[idle.Hop] = [];
            child.Tell(StopDestination.Instance);
        });
        Receive<Terminated>(t =>
        {
            if (!_hops.Remove(t.ActorRef, out var hop))
                return;
            if (_children.TryGetValue(hop, out var current) && current.Equals(t.ActorRef))
                _children.Remove(hop);
            if (_stopping.Remove(hop, out var held) && held.Count > 0)
            {
                var child = Child(hop);
                foreach (var (request, replyTo) in held)
                    child.Tell(request, replyTo);
            }
        });
    }

    public static Props Props(RemoteDeliverySettings settings, IBlobStore blobs) =>
        Akka.Actor.Props.Create(() => new RemoteDelivery(settings, blobs));

    /// Actor names allow only part of what a hop may contain (":" is fine, IDN and "/" are not).
    public static string ChildName(string hop) => Uri.EscapeDataString(hop);

    private void OnRequest(DeliveryRequest request)
    {
        if (!NextHop.IsRemote(request.Hop))
        {
            Sender.Tell(request.DeferAll("4.3.0", $"mail transport unavailable for next hop {request.Hop}"));
            return;
        }
        if (_stopping.TryGetValue(request.Hop, out var held))
        {
            held.Add((request, Sender));
            return;
        }
        Child(request.Hop).Forward(request);
    }

    private IActorRef Child(string hop)
    {
        if (_children.TryGetValue(hop, out var child))
            return child;
        child = Context.ActorOf(RemoteDestination.Props(hop, _settings, _blobs, _resolver), ChildName(hop));
        Context.Watch(child);
        _children[hop] = child;
        _hops[child] = hop;
        return child;
    }
}
