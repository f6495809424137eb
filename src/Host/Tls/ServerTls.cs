using System.Net.Security;
using System.Security.Authentication;

namespace Mail.Host.Tls;

/// <summary>
/// How a listener's connections do the TLS server handshake: one certificate context shared
/// by all of them, TLS 1.2 and 1.3 only, no client certificates, and an upper bound on the
/// handshake (Postfix: smtpd_starttls_timeout).
/// </summary>
public sealed class ServerTls(SslStreamCertificateContext certificate, TimeSpan handshakeTimeout)
{
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    public TimeSpan HandshakeTimeout { get; } = handshakeTimeout;

    // SslStream copies the options when a handshake starts, so one instance serves every connection.
    public SslServerAuthenticationOptions Options { get; } = new()
    {
        ServerCertificateContext = certificate,
        EnabledSslProtocols = Protocols,
        ClientCertificateRequired = false,
        AllowRenegotiation = false,
        CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
    };

    /// "TLSv1.3", as Postfix logs it.
    public static string ProtocolName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
        _ => protocol.ToString(),
    };
}
