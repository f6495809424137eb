using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Mail.Actors.Delivery.Remote;

/// <summary>
/// Opens a session to the first MX address that answers, as Postfix's smtp_connect does: a
/// refused or timed-out connect, a 4xx/5xx greeting or a failed STARTTLS moves on to the next
/// address and then the next host; only when all fail is the attempt a connection failure.
/// The socket is ours (so the connect timeout is ours); MailKit gets it with the MX host name,
/// which is what TLS SNI and certificate checks use.
/// </summary>
public static class SmtpConnector
{
    /// The connected client, or the reason the last address failed.
    public static async Task<(OutboundSmtpClient? Client, string Error)> ConnectAsync(
        IReadOnlyList<MxHost> hosts, TlsPolicy tls, RemoteDeliverySettings settings, CancellationToken ct)
    {
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
                    error = $"connect to {relay}: {Describe(e.SocketErrorCode, e.Message)}";
                    continue;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    socket.Dispose();
                    error = $"connect to {relay}: Connection timed out";
                    continue;
                }

                var client = Create(host.Name, relay, tls, settings);
                try
                {
                    await client.ConnectAsync(socket, host.Name, port, Options(tls), ct);
                    return (client, error);
                }
                catch (SmtpCommandException e)
                {
                    error = $"host {relay} refused to talk to me: {SmtpReplyText.Diagnostic((int)e.StatusCode, e.Message)}";
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    error = $"conversation with {relay} failed: {e.Message}";
                }
                client.Dispose();
                socket.Dispose();
            }
        }
        return (null, error);
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
        return client;
    }

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
