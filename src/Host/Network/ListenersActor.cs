using System.Net.Sockets;
using Akka;
using Akka.Actor;
using Akka.Event;
using Mail.Actors.Connections;

namespace Mail.Host.Network;

/// One listening socket to serve, and how to make a session for each of its connections.
public sealed record ListenerSpec(Socket Socket, string Service, Func<IConnection, Props> SessionProps);

/// <summary>
/// /user/listeners: parent of one <see cref="ListenerActor"/> per bound socket. It fans the
/// shutdown steps out to all of them and answers once every one has answered.
/// </summary>
public sealed class ListenersActor : ReceiveActor
{
    public ListenersActor(IReadOnlyList<ListenerSpec> specs, TimeSpan drainTimeout)
    {
        var children = specs
            .Select(s => Context.ActorOf(ListenerActor.Props(s.Socket, s.Service, s.SessionProps),
                $"{s.Service}-{((System.Net.IPEndPoint)s.Socket.LocalEndPoint!).Port}"))
            .ToArray();

        Receive<StopAccepting>(msg => Task.WhenAll(children.Select(c => c.Ask<Done>(msg, TimeSpan.FromSeconds(10))))
            .PipeTo(Sender, success: () => Done.Instance));
        Receive<Drain>(msg => Task.WhenAll(children.Select(c => c.Ask<Drained>(msg, drainTimeout)))
            .PipeTo(Sender, success: () => Drained.Instance));
        Receive<CountSessions>(msg => Task.WhenAll(children.Select(c => c.Ask<int>(msg, TimeSpan.FromSeconds(5))))
            .PipeTo(Sender, success: counts => counts.Sum()));
    }

    public static Props Props(IReadOnlyList<ListenerSpec> specs, TimeSpan drainTimeout) =>
        Akka.Actor.Props.Create(() => new ListenersActor(specs, drainTimeout));
}
