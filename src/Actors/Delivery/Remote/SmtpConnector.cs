using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Mail.Actors.Delivery.Remote;

/// <summary>
/// Opens a session to the first MX address that answers, as Postfix's smtp_connect does: a
/// refused or timed-out connect, a 4xx/5xx greeting or a failed STARTTLS moves on to the next
/// address and then the next host; only when all fail is the attempt a connection failure.
/// The socket is ours (so the connect timeout is ours); MailKit gets it with the MX host name,
/// which is what TLS SNI and certificate checks use.
///
/// TLS failures read as Postfix's do, on one line and with an X.7 code: "TLS is required, but
/// was not offered by host ..." (4.7.4), "... refused to start TLS: 454 4.7.0 ..." (the
/// server's code), "Server certificate not verified: ..." and "Cannot
/// start TLS: handshake failure" (4.7.5); MailKit's own messages run to a dozen lines of
/// advice and blame the certificate for any handshake failure. Under "may" a refused STARTTLS
/// or a failed handshake defers like any other failed connection; there is no fallback to
/// plain text (Postfix's "may" would carry on without TLS).
/// </summary>
public static class SmtpConnector
{
    /// The connected client, or the enhanced status code and reason of the last address that failed.
    public static async Task<(OutboundSmtpClient? Client, string Dsn, string Error)> ConnectAsync(
        IReadOnlyList<MxHost> hosts, TlsPolicy tls, RemoteDeliverySettings settings, CancellationToken ct)
    {
        const string unreachable = "4.4.1";
        var dsn = unreachable;
        var error = "no MX host to try";
        foreach (var host in hosts)
        {
            foreach (var address in host.Addresses)
            {
                var port = settings.SmtpPort;
                var relay = $"{host.Name}[{address}]:{port}";
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(settings.ConnectTimeout);
                    await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    (dsn, error) = (unreachable, $"connect to {relay}: {Describe(e.SocketErrorCode, e.Message)}");
                    continue;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    socket.Dispose();
                    (dsn, error) = (unreachable, $"connect to {relay}: Connection timed out");
                    continue;
                }

                var client = Create(host.Name, relay, tls, settings);
                try
                {
                    await client.ConnectAsync(socket, host.Name, port, Options(tls), ct);
                    return (client, dsn, error);
                }
                catch (SmtpCommandException e) when (tls != TlsPolicy.None && (client.Capabilities & SmtpCapabilities.StartTLS) != 0)
                {
                    // Past EHLO with STARTTLS offered: what failed is STARTTLS (or, rarely, the EHLO after it).
                    var code = (int)e.StatusCode;
                    (dsn, error) = (SmtpReplyText.EnhancedCode(code, e.Message), $"{(tls == TlsPolicy.May ? "" : "TLS is required, but ")}host {relay} refused to start TLS: {SmtpReplyText.Diagnostic(code, e.Message)}");
                }
                catch (SmtpCommandException e)
                {
                    (dsn, error) = (unreachable, $"host {relay} refused to talk to me: {SmtpReplyText.Diagnostic((int)e.StatusCode, e.Message)}");
                }
                catch (NotSupportedException) when (tls is TlsPolicy.Encrypt or TlsPolicy.Verify && (client.Capabilities & SmtpCapabilities.StartTLS) == 0)
                {
                    (dsn, error) = ("4.7.4", $"TLS is required, but was not offered by host {relay}");
                }
                catch (SslHandshakeException e)
                {
                    (dsn, error) = ("4.7.5", client.CertificateProblem is { } problem
                        ? $"Server certificate not verified: {problem} (host {relay})"
                        : $"Cannot start TLS: handshake failure with host {relay}: {FirstLine(e.InnerException?.Message ?? e.Message)}");
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    (dsn, error) = (unreachable, $"conversation with {relay} failed: {FirstLine(e.Message)}");
                }
                client.Dispose();
                socket.Dispose();
            }
        }
        return (null, dsn, error);
    }

    private static OutboundSmtpClient Create(string hostName, string relay, TlsPolicy tls, RemoteDeliverySettings settings)
    {
        var client = new OutboundSmtpClient(hostName, relay)
        {
            LocalDomain = settings.Hostname,
            Timeout = (int)Math.Min(int.MaxValue, settings.CommandTimeout.TotalMilliseconds),
        };
        if (tls is TlsPolicy.May or TlsPolicy.Encrypt)
        {
            // Opportunistic/encrypt-only: a self-signed MX is still better than plain text.
            client.CheckCertificateRevocation = false;
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (tls is TlsPolicy.Verify)
        {
            // Only what the system trusts, for the MX name (MailKit's default would also pass a
            // few pinned big-provider certificates; Postfix "verify" has no such list).
            client.ServerCertificateValidationCallback = (_, _, chain, errors) =>
            {
                client.CertificateProblem = CertificateProblem(errors, chain, hostName);
                return client.CertificateProblem is null;
            };
        }
        return client;
    }

    /// Why the certificate does not verify for <paramref name="hostName"/>, or null when it does.
    private static string? CertificateProblem(SslPolicyErrors errors, X509Chain? chain, string hostName)
    {
        if (errors == SslPolicyErrors.None)
            return null;
        var problems = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            problems.Add("no certificate presented");
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            problems.Add($"name does not match {hostName}");
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var chainProblems = chain?.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError)
                .Select(s => FirstLine(s.StatusInformation).Trim()).Where(s => s.Length > 0).Distinct().ToList();
            problems.Add(chainProblems is { Count: > 0 } ? string.Join(", ", chainProblems) : "untrusted chain");
        }
        return string.Join("; ", problems);
    }

    /// Exception messages are for developers and may run to paragraphs; a log line gets one.
    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : text;

    private static SecureSocketOptions Options(TlsPolicy tls) => tls switch
    {
        TlsPolicy.None => SecureSocketOptions.None,
        TlsPolicy.May => SecureSocketOptions.StartTlsWhenAvailable,
        _ => SecureSocketOptions.StartTls,
    };

    private static string Describe(SocketError error, string message) => error switch
    {
        SocketError.ConnectionRefused => "Connection refused",
        SocketError.TimedOut => "Connection timed out",
        SocketError.HostUnreachable => "No route to host",
        SocketError.NetworkUnreachable => "Network is unreachable",
        _ => message,
    };
}
