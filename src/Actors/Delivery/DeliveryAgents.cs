using Akka.Actor;

namespace Mail.Actors.Delivery;

/// <summary>
/// /user/delivery: the parent of the delivery agents, "local" (mailboxes) and "remote"
/// (one RemoteDestination per domain below it). Queues send every request here; it goes to the
/// agent of its hop with the queue kept as sender, so the report goes straight back.
/// </summary>
public sealed class DeliveryAgents : ReceiveActor
{
    public DeliveryAgents(Props local, Props remote)
    {
        var localAgent = Context.ActorOf(local, "local");
        var remoteAgent = Context.ActorOf(remote, "remote");
        Receive<DeliveryRequest>(r => (NextHop.IsRemote(r.Hop) ? remoteAgent : localAgent).Forward(r));
    }

    public static Props Props(Props local, Props remote) => Akka.Actor.Props.Create(() => new DeliveryAgents(local, remote));
}
