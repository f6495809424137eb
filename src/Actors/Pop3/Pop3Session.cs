using System.Net;
using Akka.Actor;
using Akka.Event;
using Mail.Actors.Connections;
using Mail.Actors.Directory;
using Mail.Actors.Mailbox;
using Mail.Actors.Storage;
using Mail.Protocols.Pop3;

namespace Mail.Actors.Pop3;

/// <summary>
/// One POP3 connection (RFC 1939). AUTHORIZATION: USER/PASS or AUTH PLAIN against the
/// directory, then the user's mailbox is opened as an exclusively locked maildrop.
/// TRANSACTION: message numbers are fixed for the session; DELE only marks. UPDATE (QUIT):
/// the marked messages are expunged durably, then the lock is released. A connection that
/// drops without QUIT deletes nothing, and the lock dies with this actor.
/// Like the SMTP session, input is processed strictly in order; pipelined commands (RFC 2449
/// PIPELINING) wait in the buffer while a login or a RETR is in flight.
/// An idle client is told "-ERR" and disconnected after pop3.timeout, without UPDATE: its
/// deletions are not committed (RFC 1939 section 3: only QUIT enters UPDATE).
/// </summary>
public sealed partial class Pop3Session : ConnectionSession, IWithTimers
{
    private readonly Pop3Settings _settings;
    private readonly Pop3Receiver _receiver = new();
    private Pop3State _state = Pop3State.Authorization;
    private string? _user;
    private bool _awaitingSaslResponse;
    private bool _shutdownRequested;
    private string? _mailboxId;
    private Maildrop? _maildrop;
    private Dictionary<long, string> _blobIds = [];

    public Pop3Session(IConnection connection, Pop3Settings settings, SessionServices services)
        : base(connection, services)
    {
        _settings = settings;

        Receive<LoginResult>(OnLoginResult);
        Receive<KeepMaildropTick>(_ => Services.Mailboxes.Tell(new KeepMaildrop(_mailboxId!))); // keep the mailbox (and our lock) alive
        Receive<TlsEstablished>(OnTlsEstablished);
        Receive<TlsFailed>(OnTlsFailed);
        Receive<BodyReady>(b => Done(b.Reply));
        Receive<UpdateDone>(u =>
        {
            Log.Info("pop3 logout user=<{0}> deleted={1}", _mailboxId!, u.Closed.Expunged);
            Send(Pop3Reply.Ok("Logging out."));
            Close();
        });
        Receive<Pop3Failure>(f =>
        {
            Done(f.Reply);
            if (f.Close)
                Close();
        });
        Receive<ConnectionClosed>(_ => Context.Stop(Self));
        Receive<ReceiveTimeout>(_ =>
        {
            // Busy: the step in flight has its own timeout. Closing: said goodbye already.
            if (Busy || Closing)
                return;
            Send(Pop3Reply.Err("Disconnected for inactivity."));
            Close();
        });
        Receive<ServerShuttingDown>(_ =>
        {
            // A step in flight (login, RETR, QUIT, TLS handshake) is answered first; Done says goodbye.
            _shutdownRequested = true;
            if (!Busy)
                SayGoodbye();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IConnection connection, Pop3Settings settings, SessionServices services) =>
        ActorFactory<Pop3Session>.Props(() => new Pop3Session(connection, settings, services));

    protected override void PreStart()
    {
        Context.SetReceiveTimeout(_settings.IdleTimeout);
        Send(Pop3Reply.Ok("maild ready."));
        Connection.ReadMore();
    }

    protected override bool ProcessNext()
    {
        int consumed;
        var input = _awaitingSaslResponse
            ? _receiver.ReadSaslResponse(Input.Pending, out consumed)
            : _receiver.Read(Input.Pending, out consumed);
        Input.Consume(consumed);
        switch (input)
        {
            case NeedMoreData:
                return false;
            case CommandInput c:
                Handle(c.Command);
                break;
            case SaslResponseInput s:
                _awaitingSaslResponse = false;
                OnSaslResponse(s.Response);
                break;
            case ErrorInput e:
                // A bad line also ends a SASL exchange (RFC 5034 section 4: the server rejects it).
                _user = null;
                _awaitingSaslResponse = false;
                Send(e.Reply);
                break;
        }
        return true;
    }

    private void Send(byte[] reply) => Connection.Send(reply);

    /// Ends an asynchronous step: answer, then go on with buffered input.
    private void Done(byte[] reply)
    {
        Busy = false;
        Send(reply);
        if (_shutdownRequested && !Closing)
            SayGoodbye();
        else
            Pump();
    }

    /// RFC 1939 gives no way to warn of a shutdown; deletions are not committed without QUIT.
    private void SayGoodbye()
    {
        Send(Pop3Reply.Err("Server shutting down.", Pop3ResponseCode.SysTemp));
        Close();
    }

    private bool PlaintextAllowed => Connection.IsSecure || _settings.PlaintextAuth switch
    {
        PlaintextAuth.Always => true,
        PlaintextAuth.Loopback => IPAddress.IsLoopback(Connection.Remote.Address),
        _ => false,
    };

    /// The same list in AUTHORIZATION and TRANSACTION: RFC 2449 section 5 wants what AUTHORIZATION
    /// offers announced in both states (USER, SASL and, RFC 2595 section 4, STLS: "both / no").
    private Capabilities CurrentCapabilities => new()
    {
        Stls = !Connection.IsSecure && Connection.CanStartTls,
        User = PlaintextAllowed,
        SaslMechanisms = PlaintextAllowed ? ["PLAIN"] : [],
    };
}
