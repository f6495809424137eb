using Mail.Actors.Connections;
using System.Globalization;
using Akka.Actor;
using Akka.Event;
using Mail.Actors.Mailbox;
using Mail.Protocols.Pop3;

namespace Mail.Actors.Pop3;

public sealed partial class Pop3Session
{
    private const string PlaintextDisallowed = "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.";

    private void Handle(IPop3Command command)
    {
        var afterUser = _user is not null;
        if (!Pop3StateTable.IsAllowed(_state, command, afterUser))
        {
            _user = null;
            Send(Pop3StateTable.WrongState(_state, command, afterUser));
            return;
        }
        if (command is not Pass)
            _user = null;
        switch (command)
        {
            case Capa:
                Send(CurrentCapabilities.ToReply());
                break;
            case User user:
                OnUser(user);
                break;
            case Pass pass:
                BeginLogin(_user!, pass.Password);
                _user = null;
                break;
            case Auth auth:
                OnAuth(auth);
                break;
            case Quit when _state == Pop3State.Authorization:
                Send(Pop3Reply.Ok("Logging out."));
                Close();
                break;
            case Quit:
                OnQuit();
                break;
            case Stls:
                OnStls();
                break;
            case Apop:
                // No timestamp in the greeting, so APOP is not offered (RFC 1939 section 7).
                Send(Pop3Reply.Err("APOP not supported."));
                break;
            default:
                HandleTransaction(command);
                break;
        }
    }

    private void OnUser(User user)
    {
        if (!PlaintextAllowed)
        {
            Send(Pop3Reply.Err(PlaintextDisallowed, Pop3ResponseCode.Auth));
            return;
        }
        _user = user.Name;
        Send(Pop3Reply.Ok(""));
    }

    private void OnAuth(Auth auth)
    {
        if (auth.Mechanism is null)
        {
            Send(Pop3Reply.MultiLine("", PlaintextAllowed ? ["PLAIN"] : []));
            return;
        }
        if (auth.Mechanism != "PLAIN")
        {
            Send(Pop3Reply.Err("Unsupported authentication mechanism."));
            return;
        }
        if (!PlaintextAllowed)
        {
            Send(Pop3Reply.Err(PlaintextDisallowed, Pop3ResponseCode.Auth));
            return;
        }
        if (auth.InitialResponse is null)
        {
            _awaitingSaslResponse = true;
            Send(Pop3Reply.Continue(""));
            return;
        }
        OnSaslResponse(auth.InitialResponse == "=" ? "" : auth.InitialResponse);
    }

    private void OnSaslResponse(string response)
    {
        if (response == "*")
        {
            Send(Pop3Reply.Err("Authentication aborted."));
            return;
        }
        if (!Convert.TryFromBase64String(response, new byte[response.Length], out _))
        {
            Send(Pop3Reply.Err("Invalid base64 data in continued response."));
            return;
        }
        if (!SaslPlain.TryDecode(response, out var login, out var password))
        {
            // Well-formed base64 but no usable PLAIN message (no authcid, or a proxy authzid):
            // as far as the client is concerned, the credentials were refused (RFC 5034 section 4).
            Services.AuthFailures.Record(Connection.Remote.Address, DateTimeOffset.UtcNow);
            Send(Pop3Reply.Err("Authentication failed.", Pop3ResponseCode.Auth));
            return;
        }
        BeginLogin(login, password);
    }

    private void BeginLogin(string login, string password)
    {
        if (Services.AuthFailures.IsBlocked(Connection.Remote.Address, DateTimeOffset.UtcNow))
        {
            // The per-address penalty shared with SMTP AUTH: no password is checked until it is over.
            Log.Warning("pop3 login from {0} refused: too many authentication failures", Connection.Remote.Address);
            Send(Pop3Reply.Err("Too many authentication failures, try again later.", Pop3ResponseCode.SysTemp));
            Close();
            return;
        }
        Busy = true;
        Login(login, password, Self).PipeTo(Self,
            failure: e => new LoginResult(login, null, new Status.Failure(e)));
    }

    /// Runs outside the actor after the first await: it must not touch Self or Context, so the
    /// session's ref comes in as an argument.
    private async Task<LoginResult> Login(string login, string password, IActorRef self)
    {
        var mailbox = await Services.Directory.AuthenticateAsync(login, password);
        if (mailbox is null)
        {
            await Task.Delay(_settings.AuthFailureDelay);
            return new LoginResult(login, null, null);
        }
        var opened = await Services.Mailboxes.Ask<object>(new OpenMaildrop(mailbox, self), _settings.MailboxTimeout);
        return new LoginResult(login, mailbox, opened);
    }

    private void OnLoginResult(LoginResult result)
    {
        switch (result.Maildrop)
        {
            case MaildropOpened opened:
                _mailboxId = result.MailboxId;
                _maildrop = new Maildrop(opened.Messages.Select(m =>
                    new MaildropMessage(m.Uid, m.Size, UniqueId(opened.UidValidity, m.Uid))));
                _blobIds = opened.Messages.ToDictionary(m => m.Uid, m => m.BlobId);
                _state = Pop3State.Transaction;
                Timers.StartPeriodicTimer("keep-maildrop", KeepMaildropTick.Instance, _settings.MaildropKeepAlive);
                Log.Info("pop3 login user=<{0}> rip={1} messages={2}", result.MailboxId!, Connection.Remote.Address, _maildrop.Count);
                Done(Pop3Reply.Ok("Logged in."));
                break;
            case MaildropInUse:
                Done(Pop3Reply.Err("Mailbox is locked by another POP3 session.", Pop3ResponseCode.InUse));
                break;
            case Status.Failure failure:
                Log.Error(failure.Cause, "pop3 login of [{0}] failed: directory or mailbox unavailable", result.Login);
                Done(Pop3Reply.Err("Temporary failure, try again later.", Pop3ResponseCode.SysTemp));
                break;
            case null when result.MailboxId is null:
                Log.Info("pop3 auth failed user=<{0}> rip={1}", result.Login, Connection.Remote.Address);
                Services.AuthFailures.Record(Connection.Remote.Address, DateTimeOffset.UtcNow);
                Done(Pop3Reply.Err("Authentication failed.", Pop3ResponseCode.Auth));
                break;
            default:
                // The credentials were right; the mailbox said something a maildrop cannot use.
                Log.Error("pop3 login of [{0}]: unexpected answer from the mailbox: {1}", result.Login, result.Maildrop?.GetType().Name ?? "none");
                Done(Pop3Reply.Err("Mailbox unavailable.", Pop3ResponseCode.SysTemp));
                break;
        }
    }

    /// Dovecot's default UIDL format (%08Xu%08Xv): stable for the life of the mailbox.
    private static string UniqueId(long uidValidity, long uid) =>
        uid.ToString("X8", CultureInfo.InvariantCulture) + uidValidity.ToString("X8", CultureInfo.InvariantCulture);
}
