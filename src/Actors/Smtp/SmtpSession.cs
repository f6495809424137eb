using Akka.Actor;
using Akka.Event;
using Mail.Actors.Connections;
using Mail.Actors.Directory;
using Mail.Actors.Mailbox;
using Mail.Actors.Storage;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

/// <summary>
/// One SMTP connection (Postfix smtpd). The pump hands over raw bytes; this actor feeds them
/// to the pure <see cref="SmtpReceiver"/> and decides every command against
/// <see cref="SmtpStateTable"/>. Commands are handled strictly in order: while one waits on
/// the directory or on the commit, the rest of the input stays buffered, which is all that
/// PIPELINING needs. The 250 after DATA is sent only once the body is fsync'd and every
/// mailbox has durably appended it; a connection lost before that leaves nothing behind.
/// </summary>
public sealed partial class SmtpSession : ConnectionSession
{
    private readonly SmtpSettings _settings;
    private readonly SmtpReceiver _receiver;
    private SmtpState _state = SmtpState.Connected;
    private string? _heloName;
    private bool _esmtp;
    private SmtpTransaction? _transaction;
    private bool _shutdownRequested;
    private int _errors;

    // The verb whose final reply is still due (commands are answered strictly in order).
    private string? _replyDueFor;
    private readonly SmtpCommandCounts _counts = new();

    public SmtpSession(IConnection connection, SmtpSettings settings, SessionServices services)
        : base(connection, services)
    {
        _settings = settings;
        _receiver = new SmtpReceiver(settings.MaxCommandLine, settings.BareLinefeeds, settings.MaxTextLine, settings.RejectLongTextLines);

        Receive<RecipientChecked>(OnRecipientChecked);
        Receive<AuthChecked>(OnAuthChecked);
        Receive<AuthFailureDue>(_ => OnAuthFailureDue());
        Receive<GreetWaitOver>(_ => OnGreetWaitOver());
        Receive<SenderOwnerChecked>(OnSenderOwnerChecked);
        Receive<MessageCommitted>(OnCommitted);
        Receive<CommitFailed>(OnCommitFailed);
        Receive<TlsEstablished>(OnTlsEstablished);
        Receive<TlsFailed>(OnTlsFailed);
        Receive<ConnectionClosed>(c =>
        {
            if (_transaction?.Body is not null && !_transaction.Committing)
                Log.Info("lost connection after DATA from {0}", ClientName);
            else if (_tlsPending)
                Log.Info("lost connection after STARTTLS from {0}: {1}", ClientName, c.Reason);
            _transaction?.Abandon();
            Context.Stop(Self);
        });
        Receive<ReceiveTimeout>(_ =>
        {
            if (Busy)
                return;
            Log.Info("timeout after {0} from {1}", _state, ClientName);
            Reply(SmtpReply.Timeout(_settings.Hostname));
            Close();
        });
        Receive<ServerShuttingDown>(_ =>
        {
            _shutdownRequested = true;
            if (!Busy && _transaction?.Body is null)
                SayGoodbye();
        });
    }

    public static Props Props(IConnection connection, SmtpSettings settings, SessionServices services) =>
        ActorFactory<SmtpSession>.Props(() => new SmtpSession(connection, settings, services));

    private string ClientName => $"unknown[{Connection.Remote.Address}]";

    protected override void PreStart()
    {
        Context.SetReceiveTimeout(_settings.IdleTimeout);
        SendOrHoldGreeting();
        Connection.ReadMore();
    }

    protected override void PostStop()
    {
        _transaction?.Abandon();
        // A command left unanswered (the client hung up during DATA) failed, as Postfix counts it.
        if (_replyDueFor is { } unanswered)
            _counts.Record(unanswered, false);
        // Postfix's last line for a session; the listener logs it for the other protocols.
        Log.Info("disconnect from {0} {1}", ClientName, _counts);
        base.PostStop();
    }

    protected override bool ProcessNext()
    {
        if (_greetPending)
            return ProcessBeforeGreeting();
        if (_sasl is not null)
            return ProcessSaslLine();
        var input = _receiver.Read(Input.Pending, out var consumed);
        Input.Consume(consumed);
        switch (input)
        {
            case NeedMoreData:
                return false;
            case CommandInput c:
                _replyDueFor = c.Command.Verb;
                Handle(c.Command);
                break;
            case ErrorInput e:
                _replyDueFor = e.Verb ?? "unknown";
                Error(e.Reply);
                break;
            case BareLinefeedInput:
                OnBareLinefeed();
                break;
            case DataChunk d:
                OnBodyChunk(d.Bytes.Span);
                break;
            case DataEnd:
                OnEndOfData();
                break;
            case RefusedDataEnd r:
                OnRefusedData(r.Reply);
                break;
            case ChunkEnd c:
                OnChunkEnd(c);
                break;
        }
        return true;
    }

    private void Reply(SmtpReply reply)
    {
        // 334 and 354 ask for more; the command's outcome is the reply after them.
        if (_replyDueFor is { } verb && reply.Code is not (334 or 354))
        {
            _counts.Record(verb, reply.Code < 400);
            _replyDueFor = null;
        }
        Connection.Send(System.Text.Encoding.UTF8.GetBytes(reply.ToWire()));
    }

    /// A command failure: answer and carry on, until the client has made too many (Postfix's smtpd_hard_error_limit).
    private void Error(SmtpReply reply)
    {
        Reply(reply);
        if (++_errors < _settings.HardErrorLimit)
            return;
        Log.Info("too many errors after {0} from {1}", _state, ClientName);
        Reply(new SmtpReply(421, "4.7.0", $"{_settings.Hostname} Error: too many errors"));
        Close();
    }

    protected override void Close()
    {
        _transaction?.Abandon();
        base.Close();
    }

    private void SayGoodbye()
    {
        Reply(SmtpReply.ServiceClosing(_settings.Hostname));
        Close();
    }

    private void ResetTransaction()
    {
        _transaction?.Abandon();
        _transaction = null;
        _state = _heloName is null ? SmtpState.Connected : SmtpState.Ready;
    }
}
