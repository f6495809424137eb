using Akka.Configuration;

namespace Mail.Host.Configuration;

/// <summary>
/// The server certificate (`maild.tls`): a PEM certificate (chain) and key, or neither, in
/// which case maild makes a self-signed one for its host name in &lt;data-dir&gt;/tls/.
/// </summary>
public sealed record TlsSettings(string CertificateFile, string KeyFile, TimeSpan HandshakeTimeout)
{
    public static TlsSettings Defaults { get; } = new("", "", TimeSpan.FromSeconds(60));

    public bool HasCertificate => CertificateFile.Length > 0;

    public static TlsSettings From(Config c)
    {
        var certificate = (c.GetString("tls.certificate-file") ?? "").Trim();
        var key = (c.GetString("tls.key-file") ?? "").Trim();
        if (certificate.Length == 0 && key.Length > 0)
            throw new ConfigException("maild.tls.key-file: set, but maild.tls.certificate-file is empty");
        return new TlsSettings(
            certificate.Length == 0 ? "" : Path.GetFullPath(certificate),
            key.Length == 0 ? "" : Path.GetFullPath(key),
            ConfigValues.Duration(c, "tls.handshake-timeout"));
    }
}
