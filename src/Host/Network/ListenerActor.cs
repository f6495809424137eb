using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using Mail.Actors.Connections;

namespace Mail.Host.Network;

/// <summary>
/// One listening socket (/user/listeners/&lt;service&gt;-&lt;port&gt;) and, as its children, one
/// session actor per accepted connection. The socket is bound before the actor system starts
/// (so a port problem stops the start with a clear message); this actor only accepts.
/// On shutdown: <see cref="StopAccepting"/> closes the socket, <see cref="Drain"/> tells every
/// session to finish and answers <see cref="Drained"/> when the last one has stopped.
/// </summary>
public sealed class ListenerActor : ReceiveActor
{
    private readonly Socket _socket;
    private readonly string _service;
    private readonly Func<IConnection, Props> _sessionProps;
    private readonly Tls.ServerTls? _tls;
    private readonly bool _implicitTls;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<IActorRef> _drainWaiters = [];
    private readonly ConnectionLimits _limits;
    private readonly Dictionary<IActorRef, (System.Net.IPAddress Client, ConnectionPump Pump)> _clients = [];
    private readonly Dictionary<System.Net.IPAddress, int> _perClient = [];
    private long _connections;

    public ListenerActor(Socket socket, string service, Func<IConnection, Props> sessionProps, Tls.ServerTls? tls = null, bool implicitTls = false, ConnectionLimits? limits = null)
    {
        _limits = limits ?? ConnectionLimits.None;
        _socket = socket;
        _service = service;
        _sessionProps = sessionProps;
        _tls = tls;
        _implicitTls = implicitTls;

        Receive<Accepted>(OnAccepted);
        Receive<StopAccepting>(_ =>
        {
            StopSocket();
            Sender.Tell(Akka.Done.Instance);
        });
        Receive<Drain>(_ =>
        {
            StopSocket();
            _drainWaiters.Add(Sender);
            foreach (var child in Context.GetChildren())
                child.Tell(ServerShuttingDown.Instance);
            ReplyIfDrained();
        });
        Receive<Terminated>(t =>
        {
            if (_clients.Remove(t.ActorRef, out var entry))
            {
                var client = entry.Client;
                // A session that ended on its own has closed its connection already (Close is
                // idempotent); one that failed has not, and its client would wait forever.
                entry.Pump.Close();
                if (--_perClient[client] == 0)
                    _perClient.Remove(client);
                // SMTP sessions log their own line, with Postfix's command counts.
                if (!SessionLogsDisconnect)
                    _log.Info("disconnect from unknown[{0}]", client);
            }
            ReplyIfDrained();
        });
    }

    public static Props Props(Socket socket, string service, Func<IConnection, Props> sessionProps, Tls.ServerTls? tls = null, bool implicitTls = false, ConnectionLimits? limits = null) =>
        Akka.Actor.Props.Create(() => new ListenerActor(socket, service, sessionProps, tls, implicitTls, limits));

    /// <summary>
    /// A session that throws is stopped, never restarted: a fresh instance would greet again in
    /// the middle of the client's dialogue. Its connection is then closed (see Terminated), and
    /// the failure is logged with its stack trace.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(_ => Directive.Stop);

    /// The SMTP listeners' sessions (see MaildServer for the service names).
    private bool SessionLogsDisconnect => _service is "smtp" or "submission" or "smtps";

    protected override void PreStart()
    {
        var self = Self;
        var socket = _socket;
        var token = _stop.Token;
        _log.Info("{0} listening on {1}{2}", _service, socket.LocalEndPoint!, _implicitTls ? " (implicit TLS)" : _tls is null ? "" : " (STARTTLS)");
        _ = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    var client = await socket.AcceptAsync(token);
                    self.Tell(new Accepted(client));
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException)
                {
                    // A connection reset before accept completed: keep accepting.
                }
            }
        }, token);
    }

    protected override void PostStop() => StopSocket();

    private void OnAccepted(Accepted accepted)
    {
        if (_stop.IsCancellationRequested)
        {
            accepted.Socket.Dispose();
            return;
        }
        if (accepted.Socket.RemoteEndPoint is not System.Net.IPEndPoint remote)
        {
            accepted.Socket.Dispose();
            return;
        }
        var client = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        if (_limits.Check(client, _clients.Count, _perClient.GetValueOrDefault(client)) is { } refusal)
        {
            _log.Warning("{0}: refusing unknown[{1}]: {2}", _service, client, refusal);
            Refuse(accepted.Socket, refusal);
            return;
        }
        ConnectionPump pump;
        try
        {
            pump = new ConnectionPump(accepted.Socket, _tls, _implicitTls);
        }
        catch (SocketException)
        {
            accepted.Socket.Dispose(); // gone before we could look at it
            return;
        }
        var session = Context.ActorOf(_sessionProps(pump), $"c{++_connections}");
        Context.Watch(session);
        _clients[session] = (client, pump);
        _perClient[client] = _perClient.GetValueOrDefault(client) + 1;
        _log.Info("connect from unknown[{0}]", client);
        _ = pump.RunAsync(session);
    }

    /// Over a limit: one line (plain text; under implicit TLS the client just sees the close) and goodbye.
    private void Refuse(Socket socket, string line)
    {
        var implicitTls = _implicitTls;
        _ = Task.Run(async () =>
        {
            try
            {
                if (!implicitTls && line.Length > 0)
                    await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(line + "\r\n"));
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // gone already
            }
            finally
            {
                socket.Dispose();
            }
        });
    }

    private void StopSocket()
    {
        if (_stop.IsCancellationRequested)
            return;
        _stop.Cancel();
        _socket.Dispose();
    }

    private void ReplyIfDrained()
    {
        if (_drainWaiters.Count == 0 || Context.GetChildren().Any())
            return;
        _drainWaiters.ForEach(w => w.Tell(Drained.Instance));
        _drainWaiters.Clear();
    }

    private sealed record Accepted(Socket Socket);
}

public sealed class StopAccepting
{
    public static readonly StopAccepting Instance = new();
    private StopAccepting() { }
}

public sealed class Drain
{
    public static readonly Drain Instance = new();
    private Drain() { }
}

public sealed class Drained
{
    public static readonly Drained Instance = new();
    private Drained() { }
}
