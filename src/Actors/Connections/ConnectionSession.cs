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
