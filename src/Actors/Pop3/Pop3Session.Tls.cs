using Akka.Event;
using Mail.Actors.Connections;
using Mail.Protocols.Pop3;

namespace Mail.Actors.Pop3;

/// <summary>
/// STLS (RFC 2595 section 4), only in AUTHORIZATION (the state table sees to that). After
/// "+OK Begin TLS negotiation" everything the client sent behind the command is thrown away,
/// what this session buffered and what the pump read ahead alike: bytes pipelined before the
/// handshake never count as commands (the CVE-2011-0411 class). Once TLS is up the session
/// starts AUTHORIZATION over: a USER given before is forgotten, and CAPA drops STLS and, where
/// plaintext login was refused, now offers USER and SASL PLAIN.
/// </summary>
public sealed partial class Pop3Session
{
    private bool _tlsPending;

    private void OnStls()
    {
        if (Connection.IsSecure)
        {
            Send(Pop3Reply.Err("TLS already active."));
            return;
        }
        if (!Connection.CanStartTls)
        {
            Send(Pop3Reply.Err("TLS not available."));
            return;
        }
        Send(Pop3Reply.Ok("Begin TLS negotiation"));
        Input.Consume(Input.Count);
        _tlsPending = true;
        Busy = true; // nothing is processed, and nothing read, until the handshake is over
        Connection.StartTls();
    }

    private void OnTlsEstablished(TlsEstablished tls)
    {
        if (!_tlsPending)
        {
            // Implicit TLS (995): the pump finished the handshake before the first byte was read.
            Log.Info("pop3s: TLS connection established from {0}: {1} with cipher {2}", Connection.Remote.Address, tls.Protocol, tls.CipherSuite);
            return;
        }
        _tlsPending = false;
        Log.Info("pop3 STLS: TLS connection established from {0}: {1} with cipher {2}", Connection.Remote.Address, tls.Protocol, tls.CipherSuite);
        // Whatever arrived while the handshake was pending was read in plaintext: discard it too.
        Input.Consume(Input.Count);
        _receiver.Reset();
        _user = null;
        _awaitingSaslResponse = false;
        Busy = false;
        if (_shutdownRequested)
            SayGoodbye();
        else
            Pump();
    }

    private void OnTlsFailed(TlsFailed failed)
    {
        Log.Warning("pop3 TLS handshake failed from {0}: {1}", Connection.Remote.Address, failed.Reason);
        _tlsPending = false;
        Close();
    }
}
