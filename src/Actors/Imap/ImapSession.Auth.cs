using Akka.Actor;
using Akka.Event;
using Mail.Actors.Connections;
using Mail.Actors.Mailbox;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// Capabilities, STARTTLS (RFC 3501 6.2.1, bytes sent before the handshake are discarded),
/// LOGIN and AUTHENTICATE PLAIN with SASL-IR (RFC 4959). Without TLS, and unless the admin
/// allows plain text, logins are refused and LOGINDISABLED is announced (RFC 3501 6.2.3).
/// Failed logins are delayed and counted per client address like SMTP AUTH and POP3.
/// </summary>
public sealed partial class ImapSession
{
    private bool _tlsPending;
    private readonly HashSet<string> _enabled = new(StringComparer.OrdinalIgnoreCase);

    private bool CondStoreEnabled => _enabled.Contains("CONDSTORE");

    private string Capabilities()
    {
        var caps = new List<string> { "IMAP4rev1", "LITERAL+", "SASL-IR", "ID", "ENABLE", "IDLE", "NAMESPACE" };
        if (_state == ImapState.NotAuthenticated)
        {
            if (!Connection.IsSecure && Connection.CanStartTls)
                caps.Add("STARTTLS");
            caps.Add(PlaintextAllowed ? "AUTH=PLAIN" : "LOGINDISABLED");
        }
        else
        {
            caps.AddRange(["UNSELECT", "CHILDREN", "SPECIAL-USE", "CREATE-SPECIAL-USE", "UIDPLUS", "MOVE",
                "CONDSTORE", "QUOTA", "QUOTA=RES-STORAGE", "LIST-EXTENDED", "LIST-STATUS", "ESEARCH", "BINARY"]);
        }
        return string.Join(' ', caps);
    }

    private void OnId(IdRequest id)
    {
        if (id.Fields is { Count: > 0 })
            Log.Info("imap ID from [{0}]: {1}", Connection.Remote, string.Join(", ", id.Fields.Take(8).Select(f => $"{f.Key}={f.Value}")));
        Untagged("ID (\"name\" \"maild\")");
        Ok("ID completed");
    }

    private void OnStartTls()
    {
        if (Connection.IsSecure)
        {
            Bad("TLS is already active");
            return;
        }
        if (!Connection.CanStartTls)
        {
            No("TLS is not available");
            return;
        }
        SendLine($"{Tag} OK Begin TLS negotiation now");
        _current = null;
        Input.Consume(Input.Count);
        _tlsPending = true;
        Busy = true;
        Connection.StartTls();
    }

    private void OnTlsEstablished(TlsEstablished tls)
    {
        if (!_tlsPending)
            return; // implicit TLS (993): the handshake happened before the greeting
        _tlsPending = false;
        Log.Info("imap STARTTLS from [{0}]: {1} {2}", Connection.Remote, tls.Protocol, tls.CipherSuite);
        // RFC 3501 6.2.1 / RFC 2595 3.1: forget anything read in plain text.
        Input.Consume(Input.Count);
        _receiver = new ImapReceiver(maxLiteral: _settings.MaxMessageSize);
        Busy = false;
        Pump();
    }

    private bool LoginRefusedForPlaintext()
    {
        if (PlaintextAllowed)
            return false;
        No("[PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure connections");
        return true;
    }

    private void OnLogin(LoginRequest login)
    {
        if (LoginRefusedForPlaintext())
            return;
        BeginLogin(login.User, login.Password);
    }

    private void OnAuthenticate(AuthenticateRequest auth)
    {
        if (!string.Equals(auth.Mechanism, "PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            No("Unsupported authentication mechanism");
            return;
        }
        if (LoginRefusedForPlaintext())
            return;
        if (auth.InitialResponse is null)
        {
            SendLine("+ ");
            _mode = ReadMode.SaslResponse;
            return;
        }
        OnSaslResponse(auth.InitialResponse == "=" ? "" : auth.InitialResponse);
    }

    private void OnSaslResponse(string response)
    {
        if (response == "*")
        {
            Bad("Authentication aborted");
            return;
        }
        if (!SaslPlain.TryDecode(response, out var login, out var password))
        {
            Bad("Invalid base64 or PLAIN message");
            return;
        }
        BeginLogin(login, password);
    }

    private void BeginLogin(string login, string password)
    {
        var client = Connection.Remote.Address;
        if (Services.AuthFailures.IsBlocked(client, DateTimeOffset.UtcNow))
        {
            Log.Info("imap login refused for [{0}]: too many failures", client);
            No("[UNAVAILABLE] Too many failed logins, try again later");
            return;
        }
        var directory = Services.Directory;
        var delay = _settings.AuthFailureDelay;
        RunAsync(async () =>
        {
            var mailbox = await directory.AuthenticateAsync(login, password);
            if (mailbox is null)
            {
                await Task.Delay(delay);
                return () => LoginFailed(login);
            }
            return () => LoggedIn(login, mailbox);
        });
    }

    private void LoginFailed(string login)
    {
        Services.AuthFailures.Record(Connection.Remote.Address, DateTimeOffset.UtcNow);
        Log.Info("imap auth failed user=<{0}> rip={1}", login, Connection.Remote.Address);
        No("[AUTHENTICATIONFAILED] Authentication failed");
    }

    private void LoggedIn(string login, string mailbox)
    {
        _user = login;
        _mailboxId = mailbox;
        _state = ImapState.Authenticated;
        Log.Info("imap login user=<{0}> rip={1} tls={2}", mailbox, Connection.Remote.Address, Connection.IsSecure);
        Ok($"[CAPABILITY {Capabilities()}] Logged in");
    }

    private void OnEnable(EnableRequest enable)
    {
        var newly = new List<string>();
        foreach (var cap in enable.Capabilities)
        {
            // Only what this server implements can be enabled (RFC 5161 3.1); others are ignored.
            if (cap.Equals("CONDSTORE", StringComparison.OrdinalIgnoreCase) && _enabled.Add("CONDSTORE"))
                newly.Add("CONDSTORE");
        }
        Untagged("ENABLED" + string.Concat(newly.Select(c => " " + c)));
        Ok("Enabled");
    }

    /// IDLE (RFC 2177): changes are told as they happen until the client sends DONE.
    private void OnIdle()
    {
        SendLine("+ idling");
        _mode = ReadMode.IdleDone;
        FlushChanges(expungesAllowed: true);
    }
}
