using System.Net;
using System.Text;
using Akka.Actor;
using Akka.Event;
using Mail.Actors.Connections;
using Mail.Actors.Pop3;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

/// <summary>
/// SMTP AUTH (RFC 4954) with PLAIN (RFC 4616) and LOGIN, against the directory's users, as
/// cyrus-sasl did for Postfix. Offered only over TLS unless plaintext logins are allowed
/// (Postfix smtpd_tls_auth_only); a failure is answered after a delay, counts against the
/// session (421 after the limit) and against the client address across sessions. The SASL
/// lines are read raw and never logged.
/// </summary>
public sealed partial class SmtpSession : IWithTimers
{
    private static readonly SmtpReply AuthOk = new(235, "2.7.0", "Authentication successful");
    private static readonly SmtpReply AuthFailed = new(535, "5.7.8", "Error: authentication failed: authentication failure");
    private static readonly SmtpReply AuthNeedsTls = new(538, "5.7.11", "Encryption required for requested authentication mechanism");
    private static readonly SmtpReply AuthAborted = new(501, "5.7.0", "Authentication aborted");
    private static readonly SmtpReply AuthBadBase64 = new(501, "5.5.2", "Cannot decode response");
    private static readonly SmtpReply AuthLineTooLong = new(500, "5.5.6", "Authentication exchange line is too long");
    private static readonly SmtpReply AuthAgain = new(503, "5.5.1", "Error: already authenticated");
    private static readonly SmtpReply AuthMechanism = new(504, "5.5.4", "Unsupported authentication mechanism");

    // The state of a SASL exchange in progress: which mechanism, and LOGIN's user name once given.
    private (string Mechanism, string? Login)? _sasl;
    private string? _authenticatedUser;
    private string? _saslMethod;
    private int _authFailures;

    public ITimerScheduler Timers { get; set; } = null!;

    /// AUTH is offered (and accepted) over TLS, or in plaintext where the configuration allows it.
    private bool AuthOffered => Connection.IsSecure || _settings.PlaintextAuth switch
    {
        PlaintextAuth.Always => true,
        PlaintextAuth.Loopback => IPAddress.IsLoopback(Connection.Remote.Address),
        _ => false,
    };

    private void OnAuth(Auth auth)
    {
        if (_authenticatedUser is not null)
        {
            Error(AuthAgain);
            return;
        }
        if (!AuthOffered)
        {
            Error(AuthNeedsTls);
            return;
        }
        if (Services.AuthFailures.IsBlocked(Connection.Remote.Address, DateTimeOffset.UtcNow))
        {
            Log.Warning("{0}: too many authentication failures from this address", ClientName);
            Reply(new SmtpReply(421, "4.7.0", $"{_settings.Hostname} Error: too many authentication failures"));
            Close();
            return;
        }
        switch (auth.Mechanism)
        {
            case "PLAIN" when auth.InitialResponse is { } initial:
                OnSaslResponse("PLAIN", null, initial);
                break;
            case "PLAIN":
                _sasl = ("PLAIN", null);
                Connection.Send("334 \r\n"u8.ToArray()); // an empty challenge (RFC 4954 4: "334 " and nothing)
                break;
            case "LOGIN" when auth.InitialResponse is { } user:
                OnSaslResponse("LOGIN", null, user);
                break;
            case "LOGIN":
                _sasl = ("LOGIN", null);
                Reply(new SmtpReply(334, null, "VXNlcm5hbWU6")); // "Username:"
                break;
            default:
                Error(AuthMechanism);
                break;
        }
    }

    /// Input while a SASL exchange waits for the client's next line.
    private bool ProcessSaslLine()
    {
        var line = SaslLine.TryRead(Input.Pending, out var consumed, out var tooLong);
        if (line is null)
            return false;
        Input.Consume(consumed);
        var (mechanism, login) = _sasl!.Value;
        _sasl = null;
        if (tooLong)
            Error(AuthLineTooLong);
        else if (line == "*")
            Error(AuthAborted);
        else
            OnSaslResponse(mechanism, login, line);
        return true;
    }

    private void OnSaslResponse(string mechanism, string? login, string response)
    {
        if (mechanism == "PLAIN")
        {
            // "=" is an empty initial response (RFC 4954 4), which PLAIN cannot use.
            if (!SaslPlain.TryDecode(response == "=" ? "" : response, out var user, out var password))
            {
                Error(AuthBadBase64);
                return;
            }
            Verify(mechanism, user, password);
            return;
        }
        if (!TryBase64(response, out var text))
        {
            Error(AuthBadBase64);
            return;
        }
        if (login is null)
        {
            _sasl = ("LOGIN", text);
            Reply(new SmtpReply(334, null, "UGFzc3dvcmQ6")); // "Password:"
            return;
        }
        Verify(mechanism, login, text);
    }

    private void Verify(string mechanism, string login, string password)
    {
        Busy = true;
        Services.Directory.AuthenticateAsync(login, password).AsTask().PipeTo(Self,
            success: mailbox => new AuthChecked(mechanism, login, mailbox),
            failure: _ => new AuthChecked(mechanism, login, null, DirectoryFailed: true));
    }

    private void OnAuthChecked(AuthChecked result)
    {
        if (result.Mailbox is not null)
        {
            Busy = false;
            _authenticatedUser = result.Mailbox;
            _saslMethod = result.Mechanism;
            Log.Info("{0}: sasl_method={1}, sasl_username={2}", ClientName, result.Mechanism, result.Mailbox);
            Reply(AuthOk);
            Pump();
            return;
        }
        if (result.DirectoryFailed)
        {
            Busy = false;
            Reply(new SmtpReply(454, "4.7.0", "Temporary authentication failure"));
            Pump();
            return;
        }
        // Never the password, nor the raw exchange; the login only as a quoted hint.
        Log.Warning("{0}: SASL {1} authentication failed", ClientName, result.Mechanism);
        Services.AuthFailures.Record(Connection.Remote.Address, DateTimeOffset.UtcNow);
        _authFailures++;
        Timers.StartSingleTimer("auth-failure", AuthFailureDue.Instance, _settings.AuthFailureDelay);
    }

    private void OnAuthFailureDue()
    {
        Busy = false;
        Error(AuthFailed);
        if (_authFailures >= _settings.AuthFailureLimit && !Closing)
        {
            Reply(new SmtpReply(421, "4.7.0", $"{_settings.Hostname} Error: too many authentication failures"));
            Close();
            return;
        }
        Pump();
    }

    /// <summary>
    /// Postfix reject_sender_login_mismatch: an authenticated client may send only as its own
    /// address or an alias that delivers to it (the null sender, for its bounces and receipts,
    /// too). Its own address needs no lookup. Whether the check applies is the user's setting,
    /// else its domain's, else the configuration's; asked at the first MAIL that needs it and
    /// kept for the session (the login cannot change within one).
    /// </summary>
    private bool SenderNeedsOwnerCheck(ReversePath sender) =>
        _authenticatedUser is not null && _senderLoginCheck != false
        && sender.Address is { } address
        && !string.Equals(address.ToString(), _authenticatedUser, StringComparison.OrdinalIgnoreCase);

    // Null until the directory was asked (or when asking failed).
    private bool? _senderLoginCheck;

    private void CheckSenderOwner(MailFrom mail)
    {
        Busy = true;
        var known = _senderLoginCheck;
        CheckSenderOwnerAsync(mail, _authenticatedUser!, known).PipeTo(Self,
            failure: _ => new SenderOwnerChecked(mail, false, known));
    }

    // Runs off the actor: reads only its arguments and the immutable settings.
    private async Task<SenderOwnerChecked> CheckSenderOwnerAsync(MailFrom mail, string user, bool? known)
    {
        var enforced = known ?? await Services.Directory.SenderLoginCheckAsync(user) ?? _settings.RejectSenderLoginMismatch;
        if (!enforced)
            return new SenderOwnerChecked(mail, true, enforced);
        var resolution = await Services.Directory.ResolveAsync(mail.Sender.Address!.ToString());
        var owned = resolution is Directory.RecipientResolution.Deliver d && d.Targets.Any(t => t.MailboxId == user);
        return new SenderOwnerChecked(mail, owned, enforced);
    }

    private void OnSenderOwnerChecked(SenderOwnerChecked result)
    {
        Busy = false;
        if (Closing)
            return;
        _senderLoginCheck = result.Enforced;
        if (result.Owned)
            AcceptSender(result.Mail);
        else
        {
            var address = result.Mail.Sender.Address!;
            Log.Info("NOQUEUE: reject: MAIL from {0}: 553 5.7.1 <{1}>: Sender address rejected: not owned by user {2}", ClientName, address, _authenticatedUser!);
            Error(new SmtpReply(553, "5.7.1", $"<{address}>: Sender address rejected: not owned by user {_authenticatedUser}"));
        }
        Pump();
    }

    private sealed record SenderOwnerChecked(MailFrom Mail, bool Owned, bool? Enforced);

    private static bool TryBase64(string text, out string decoded)
    {
        decoded = "";
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(text));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private sealed record AuthChecked(string Mechanism, string Login, string? Mailbox, bool DirectoryFailed = false);

    private sealed record AuthFailureDue
    {
        public static AuthFailureDue Instance { get; } = new();
    }
}
