using System.Net;
using System.Text;
using Akka.Actor;
using Akka.Event;
using Mail.Actors.Connections;
using Mail.Actors.Mailbox;
using Mail.Actors.Pop3;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// One IMAP connection (RFC 3501). Commands are processed strictly one at a time in arrival
/// order (pipelined commands wait in the buffer): simpler than Dovecot's parallel command
/// execution and what the RFC's ordering rules need anyway. Anything slow (directory,
/// mailbox, blob reads) runs as an asynchronous step whose continuation comes back as a
/// <see cref="Continue"/> message and runs on the actor, so all state stays single-threaded.
/// The user's mailbox actor pushes changes of the selected folder (<see cref="FolderChanged"/>);
/// <see cref="SelectedView"/> holds them until RFC 3501 allows them to be told.
/// </summary>
public sealed partial class ImapSession : ConnectionSession, IWithTimers
{
    private readonly ImapSettings _settings;
    private ImapReceiver _receiver;
    private ImapState _state = ImapState.NotAuthenticated;
    private ReadMode _mode = ReadMode.Command;
    private string? _mailboxId;
    private string? _user;
    private SelectedView? _selected;
    private ImapCommand? _current;
    private bool _shutdownRequested;

    private enum ReadMode { Command, SaslResponse, IdleDone }

    /// The rest of an asynchronous step, run on the actor.
    private sealed record Continue(Action Step);

    public ImapSession(IConnection connection, ImapSettings settings, SessionServices services)
        : base(connection, services)
    {
        _settings = settings;
        _receiver = new ImapReceiver(maxLiteral: settings.MaxMessageSize);

        Receive<Continue>(c => c.Step());
        Receive<FolderChanged>(OnFolderChanged);
        Receive<FolderUnselected>(OnFolderUnselected);
        Receive<FolderSelected>(OnReselected);
        Receive<KeepMaildrop>(keep => Services.Mailboxes.Tell(keep)); // timer tick while a folder is selected
        Receive<TlsEstablished>(OnTlsEstablished);
        Receive<TlsFailed>(f =>
        {
            Log.Warning("imap TLS handshake from [{0}] failed: {1}", Connection.Remote, f.Reason);
            Ending("TLS handshake failed");
            Close();
        });
        Receive<ConnectionClosed>(c =>
        {
            Ending(c.Reason);
            Context.Stop(Self);
        });
        Receive<ReceiveTimeout>(_ =>
        {
            if (Busy && _mode != ReadMode.IdleDone)
                return;
            Untagged("BYE Autologout; idle for too long");
            Ending("idle for too long");
            Close();
        });
        Receive<ServerShuttingDown>(_ =>
        {
            _shutdownRequested = true;
            if (!Busy || _mode == ReadMode.IdleDone)
                SayBye("Server shutting down");
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IConnection connection, ImapSettings settings, SessionServices services) =>
        ActorFactory<ImapSession>.Props(() => new ImapSession(connection, settings, services));

    protected override void PreStart()
    {
        Context.SetReceiveTimeout(_settings.IdleTimeout);
        Untagged($"OK [CAPABILITY {Capabilities()}] {_settings.Hostname} IMAP4rev1 ready");
        Connection.ReadMore();
    }

    protected override void PostStop()
    {
        if (_selected is not null && _mailboxId is not null)
            Services.Mailboxes.Tell(new DeselectFolder(_mailboxId, Self));
        LogSessionEnd();
        base.PostStop();
    }

    protected override bool ProcessNext()
    {
        int consumed;
        var input = _mode switch
        {
            ReadMode.SaslResponse => _receiver.ReadSaslResponse(Input.Pending, out consumed),
            ReadMode.IdleDone => _receiver.ReadIdleDone(Input.Pending, out consumed),
            _ => _receiver.Read(Input.Pending, out consumed),
        };
        Input.Consume(consumed);
        _bytesIn += consumed;
        return Handle(input);
    }

    private bool PlaintextAllowed => Connection.IsSecure || _settings.PlaintextAuth switch
    {
        PlaintextAuth.Always => true,
        PlaintextAuth.Loopback => IPAddress.IsLoopback(Connection.Remote.Address),
        _ => false,
    };

    private string Tag => _current?.Tag ?? "*";

    // ---- output ----

    private void Untagged(string line) => Send(Encoding.UTF8.GetBytes("* " + line + "\r\n"));

    private void SendLine(string line) => Send(Encoding.UTF8.GetBytes(line + "\r\n"));

    /// <summary>
    /// Ends the current command: pending folder changes first (EXPUNGE only where the command
    /// allows it), then the tagged status, then on with buffered input.
    /// </summary>
    private void Complete(string status)
    {
        FlushChanges(ExpungesAllowedAfter(_current?.Request));
        SendLine($"{Tag} {status}");
        _current = null;
        // A command answered synchronously is still inside the Pump loop, which goes on by
        // itself; only the end of an asynchronous step must restart it. Restarting it twice
        // would ask the pump for two reads, and the second could swallow a TLS ClientHello.
        var resume = Busy;
        Busy = false;
        if (_shutdownRequested)
        {
            SayBye("Server shutting down");
            return;
        }
        if (resume)
            Pump();
    }

    private void Ok(string text) => Complete("OK " + text);

    private void No(string text) => Complete("NO " + text);

    private void Bad(string text) => Complete("BAD " + text);

    private void SayBye(string text)
    {
        Untagged("BYE " + text);
        Ending(text);
        Close();
    }

    private void FlushChanges(bool expungesAllowed)
    {
        if (_selected is null)
            return;
        foreach (var line in _selected.Flush(expungesAllowed, CondStoreEnabled))
            SendLine(line);
    }

    /// RFC 3501 7.4.1: no EXPUNGE during FETCH, STORE or SEARCH (their UID forms may).
    private static bool ExpungesAllowedAfter(ImapRequest? request) => request switch
    {
        FetchRequest f => f.Uid,
        StoreRequest s => s.Uid,
        SearchRequest s => s.Uid,
        _ => true,
    };

    private void OnFolderChanged(FolderChanged change)
    {
        if (_selected is null || !string.Equals(change.Folder, _selected.Folder, StringComparison.Ordinal))
            return;
        var ownSilent = Self.Equals(change.Origin) && _current?.Request is StoreRequest { Silent: true };
        _selected.Enqueue(change, ownSilent);
        if (!_selected.ReadOnly && change.Appended.Count > 0)
            _selected.ClaimRecent(change.Appended.Select(m => m.Uid));
        if (_mode == ReadMode.IdleDone)
            FlushChanges(expungesAllowed: true);
    }

    /// <summary>
    /// Runs <paramref name="work"/> off the actor; its result (an action) runs back on the
    /// actor. A failure ends the command with NO [SERVERBUG]/[UNAVAILABLE] and never kills
    /// the session.
    /// </summary>
    private void RunAsync(Func<Task<Action>> work)
    {
        Busy = true;
        work().PipeTo(Self,
            success: step => new Continue(step),
            failure: e => new Continue(() =>
            {
                Log.Warning("imap {0} for [{1}] failed: {2}", _current?.Request.Verb ?? "?", _mailboxId ?? "-", e.Message);
                No(e is TimeoutException or AskTimeoutException
                    ? "[UNAVAILABLE] Mailbox busy, try again later"
                    : "[SERVERBUG] Internal error, try again later");
            }));
    }

    private Task<object> AskMailbox(object message) =>
        Services.Mailboxes.Ask<object>(message, _settings.MailboxTimeout);
}
