using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mail.Host.Configuration;

namespace Mail.Host.Tls;

/// <summary>
/// The certificate the SMTP listeners present. A configured PEM pair is loaded as it is (a
/// certificate file may hold the chain after the server's own certificate; the key may sit in
/// the same file, like Postfix's smtpd_tls_key_file = $smtpd_tls_cert_file). Without one, a
/// self-signed certificate for the host name is made once in &lt;data-dir&gt;/tls/ (key 0600)
/// and reused, so STARTTLS works out of the box; senders that verify certificates will not
/// trust it, hence the warning.
/// </summary>
public static class ServerCertificate
{
    public const string SelfSignedCertificate = "selfsigned-cert.pem";
    public const string SelfSignedKey = "selfsigned-key.pem";

    /// The certificate context and, for a self-signed certificate, the warning to log.
    public static (SslStreamCertificateContext Context, string? Warning) Load(TlsSettings tls, string dataDir, string hostname)
    {
        if (tls.HasCertificate)
            return (FromPem(tls.CertificateFile, tls.KeyFile.Length > 0 ? tls.KeyFile : null), null);
        var folder = Path.Combine(dataDir, "tls");
        var certificatePath = Path.Combine(folder, SelfSignedCertificate);
        var keyPath = Path.Combine(folder, SelfSignedKey);
        var made = false;
        try
        {
            if (!Usable(certificatePath, keyPath, hostname))
            {
                SelfSigned.Write(hostname, certificatePath, keyPath);
                made = true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ConfigException($"cannot create a self-signed TLS certificate in {folder}: {e.Message}");
        }
        var warning = $"no TLS certificate configured (maild.tls.certificate-file): using a self-signed certificate for {hostname} "
            + $"{(made ? "made now" : "made earlier")} in {folder}; clients that verify certificates will not trust it";
        return (FromPem(certificatePath, keyPath), warning);
    }

    private static SslStreamCertificateContext FromPem(string certificateFile, string? keyFile)
    {
        var setting = keyFile is null ? "maild.tls.certificate-file" : "maild.tls.certificate-file/key-file";
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            if (!pem.HasPrivateKey)
                throw new ConfigException($"{setting}: {certificateFile} has no private key");
            // The PEM key is ephemeral; SslStream on some platforms wants it exported and re-imported.
            var leaf = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            var chain = new X509Certificate2Collection();
            chain.ImportFromPemFile(certificateFile);
            var intermediates = new X509Certificate2Collection();
            foreach (var c in chain)
            {
                if (c.Thumbprint != leaf.Thumbprint)
                    intermediates.Add(c);
            }
            return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ConfigException($"{setting}: cannot load {certificateFile}{(keyFile is null ? "" : " with " + keyFile)}: {e.Message}");
        }
    }

    /// An earlier self-signed pair that still fits: present, valid for a while, for this host name.
    private static bool Usable(string certificatePath, string keyPath, string hostname)
    {
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
            return false;
        try
        {
            using var existing = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
            return existing.NotAfter > DateTime.Now.AddDays(30) && existing.MatchesHostname(hostname);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
