using System.Net.Sockets;
using Akka;
using Akka.Actor;
using Akka.Event;
using Mail.Actors.Connections;

namespace Mail.Host.Network;

/// One listening socket to serve, how to make a session for each of its connections, and
/// its TLS: none, offered through STARTTLS (<paramref name="Tls"/> only), or implicit (port 465).
public sealed record ListenerSpec(Socket Socket, string Service, Func<IConnection, Props> SessionProps, Mail.Host.Tls.ServerTls? Tls = null, bool ImplicitTls = false, ConnectionLimits? Limits = null);

/// <summary>
/// /user/listeners: parent of one <see cref="ListenerActor"/> per bound socket. It fans the
/// shutdown steps out to all of them and answers once every one has answered.
/// </summary>
public sealed class ListenersActor : ReceiveActor
{
    public ListenersActor(IReadOnlyList<ListenerSpec> specs, TimeSpan drainTimeout)
    {
        var children = specs
            .Select(s => Context.ActorOf(ListenerActor.Props(s.Socket, s.Service, s.SessionProps, s.Tls, s.ImplicitTls, s.Limits), ChildName(s)))
            .ToArray();
        foreach (var child in children)
            Context.Watch(child);
        var stopping = false;

        Receive<StopAccepting>(msg =>
        {
            stopping = true;
            Task.WhenAll(children.Select(c => c.Ask<Done>(msg, TimeSpan.FromSeconds(10))))
                .PipeTo(Sender, success: () => Done.Instance);
        });
        Receive<Drain>(msg =>
        {
            stopping = true;
            Task.WhenAll(children.Select(c => c.Ask<Drained>(msg, drainTimeout)))
                .PipeTo(Sender, success: () => Drained.Instance);
        });
        Receive<Terminated>(t =>
        {
            if (stopping)
                return;
            // A node that silently stopped serving a port would look healthy to a load balancer:
            // stop the whole node instead, so that the service manager restarts it.
            Context.GetLogger().Error("listener {0} died; shutting the node down", t.ActorRef.Path.Name);
            CoordinatedShutdown.Get(Context.System).Run(CoordinatedShutdown.UnknownReason.Instance);
        });
    }

    /// "smtp-127.0.0.1-25", "pop3-::1-110": unique even when one port is bound on several addresses.
    private static string ChildName(ListenerSpec spec)
    {
        var endpoint = (System.Net.IPEndPoint)spec.Socket.LocalEndPoint!;
        var address = endpoint.Address.ToString().Replace('%', '_');
        return $"{spec.Service}-{address}-{endpoint.Port}";
    }

    public static Props Props(IReadOnlyList<ListenerSpec> specs, TimeSpan drainTimeout) =>
        Akka.Actor.Props.Create(() => new ListenersActor(specs, drainTimeout));
}
