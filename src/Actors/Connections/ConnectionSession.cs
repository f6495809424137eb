using Akka.Actor;
using Akka.Event;

namespace Mail.Actors.Connections;

/// <summary>
/// What every protocol session (SMTP, POP3, later IMAP) shares: the buffered input from the
/// pump, the strictly ordered processing loop, and the rule that nothing is read while a
/// command waits for an asynchronous step (<see cref="Busy"/>). Subclasses turn buffered
/// bytes into one protocol step at a time in <see cref="ProcessNext"/>.
/// </summary>
public abstract class ConnectionSession : ReceiveActor
{
    protected ConnectionSession(IConnection connection, SessionServices services)
    {
        Connection = connection;
        Services = services;
        Receive<Received>(r =>
        {
            Input.Append(r.Bytes);
            Pump();
        });
    }

    protected IConnection Connection { get; }

    /// Directory, blob store and mailbox region.
    protected SessionServices Services { get; }

    protected InputBuffer Input { get; } = new();

    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    /// A command is waiting for the directory, a mailbox or the disk; input stays buffered.
    protected bool Busy { get; set; }

    protected bool Closing { get; private set; }

    /// <summary>
    /// Consumes buffered input for one step (a command, an error, a body chunk). Returns false
    /// when the receiver needs more bytes; the loop then asks the pump for the next chunk.
    /// </summary>
    protected abstract bool ProcessNext();

    private readonly DateTimeOffset _since = DateTimeOffset.UtcNow;

    /// <summary>What `maild sessions` shows of this session: protocol, user (once logged in), state.</summary>
    protected abstract (string Protocol, string? User, string State) Describe();

    // `maild sessions`: answered ahead of the behaviour, so a session busy with a command, a
    // commit or an IDLE still says what it is doing instead of timing the admin out.
    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is not Metrics.GetSessionInfo)
            return base.AroundReceive(receive, message);
        var (protocol, user, state) = Describe();
        Sender.Tell(new Metrics.SessionInfo(protocol, Connection.Remote.ToString(), Connection.Local.ToString(), user,
            state, Connection.IsSecure, _since, Self.Path.ToStringWithoutAddress()));
        return true;
    }

    /// Runs protocol steps over buffered input until more bytes are needed or a step has to wait.
    protected void Pump()
    {
        while (!Busy && !Closing)
        {
            if (!ProcessNext())
            {
                Connection.ReadMore();
                return;
            }
        }
    }

    /// Flushes what was sent, then closes; the pump's ConnectionClosed stops the actor.
    protected virtual void Close()
    {
        Closing = true;
        Connection.Close();
    }

    protected override void PostStop() => Connection.Close();
}
