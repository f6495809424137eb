using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mail.Host.Tls;

/// <summary>
/// Makes the fallback server certificate: ECDSA P-256 (every TLS 1.2+ client speaks it, and
/// the key is made in a millisecond where RSA takes a noticeable part of a start), SAN = host
/// name, ten years.
/// </summary>
internal static class SelfSigned
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string hostname, string certificatePath, string keyPath)
    {
        var folder = Path.GetDirectoryName(certificatePath)!;
        if (OperatingSystem.IsWindows())
            System.IO.Directory.CreateDirectory(folder);
        else
            System.IO.Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={hostname}"), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(hostname);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        // Key first, so that a certificate file never exists without its key.
        WriteAtomically(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n", secret: true);
        WriteAtomically(certificatePath, certificate.ExportCertificatePem() + "\n", secret: false);
    }

    private static void WriteAtomically(string path, string text, bool secret)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnly; // never readable by others, not even for a moment
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }
        if (secret && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, OwnerOnly);
        File.Move(temporary, path, overwrite: true);
    }
}
