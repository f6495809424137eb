using System.Net.Security;
using System.Security.Authentication;
using System.Text;

namespace Mail.Integration.Tests.Harness;

/// What the raw TLS test clients (SMTP, POP3) share: the client side of the handshake that
/// accepts the server's self-signed certificate, and reading one line byte by byte before TLS
/// (so that nothing after the line is buffered in plain text and lost to the handshake).
public static class TlsClientStreams
{
    public static async Task<SslStream> HandshakeAsync(Stream plain, TimeSpan timeout, SslProtocols protocols = SslProtocols.None)
    {
        var ssl = new SslStream(plain, leaveInnerStreamOpen: false);
        using var cts = new CancellationTokenSource(timeout);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = MaildOptions.Hostname,
            EnabledSslProtocols = protocols,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        }, cts.Token);
        return ssl;
    }

    /// One CRLF line without its CRLF; null at end of stream.
    public static async Task<string?> ReadLineByteByByteAsync(Stream stream, TimeSpan timeout)
    {
        var line = new List<byte>();
        var one = new byte[1];
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            if (await stream.ReadAsync(one, cts.Token) == 0)
                return line.Count == 0 ? null : throw new IOException("closed in the middle of a line");
            if (one[0] == '\n' && line.Count > 0 && line[^1] == '\r')
                return Encoding.ASCII.GetString([.. line[..^1]]);
            line.Add(one[0]);
        }
    }
}
