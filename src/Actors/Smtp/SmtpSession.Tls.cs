using Akka.Event;
using Mail.Actors.Connections;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

/// <summary>
/// STARTTLS (RFC 3207). After "220 Ready to start TLS" everything the client sent behind the
/// command is thrown away, both what this session buffered and what the pump read ahead: bytes
/// pipelined before the handshake never count as commands (CVE-2011-0411). Once TLS is up the
/// session forgets HELO and starts over in <see cref="SmtpState.Connected"/> (RFC 3207 4.2).
/// </summary>
public sealed partial class SmtpSession
{
    private bool _tlsPending;
    private TlsEstablished? _tls;

    private void OnStartTls()
    {
        if (Connection.IsSecure)
        {
            Error(SmtpReply.TlsAlreadyActive);
            return;
        }
        if (!Connection.CanStartTls)
        {
            Error(SmtpReply.NotImplemented);
            return;
        }
        Reply(SmtpReply.ReadyToStartTls);
        Input.Consume(Input.Count);
        _tlsPending = true;
        Busy = true; // nothing is processed, and nothing read, until the handshake is over
        Connection.StartTls();
    }

    private void OnTlsEstablished(TlsEstablished tls)
    {
        _tls = tls;
        if (!_tlsPending)
        {
            // Implicit TLS: the pump finished the handshake before the first byte was read.
            Log.Info("TLS connection established from {0} ({1}): {2} with cipher {3}", ClientName, RoleName, tls.Protocol, tls.CipherSuite);
            return;
        }
        _tlsPending = false;
        Busy = false;
        Log.Info("STARTTLS: TLS connection established from {0} ({1}): {2} with cipher {3}", ClientName, RoleName, tls.Protocol, tls.CipherSuite);
        // Whatever arrived while the handshake was pending was read in plaintext: discard it too.
        Input.Consume(Input.Count);
        _receiver.Reset();
        ResetTransaction();
        _heloName = null;
        _esmtp = false;
        _state = SmtpState.Connected;
        if (_shutdownRequested)
            SayGoodbye();
        else
            Pump();
    }

    private void OnTlsFailed(TlsFailed failed)
    {
        Log.Warning("SSL_accept error from {0} ({1}): {2}", ClientName, RoleName, failed.Reason);
        _tlsPending = false;
        Close();
    }

    private string RoleName => _settings.Role switch
    {
        SmtpRole.Submission => "submission",
        SmtpRole.SubmissionTls => "smtps",
        _ => "smtp",
    };
}
