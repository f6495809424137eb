using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mail.Tests.Shared;

/// <summary>
/// Throw-away server certificates made in memory, never trusted by anyone: what an MX with a
/// self-signed certificate presents. BCL only, like the servers that use them.
/// </summary>
public static class TestCertificates
{
    /// <summary>
    /// A self-signed ECDSA P-256 certificate for <paramref name="dnsName"/> (subject CN and
    /// SubjectAlternativeName), valid from yesterday for a year, with its private key.
    /// </summary>
    /// <remarks>
    /// Round-tripped through PFX: on Linux, SslStream needs the key in a form OpenSSL can load,
    /// and the ephemeral key CreateSelfSigned attaches is not always accepted for a server.
    /// </remarks>
    public static X509Certificate2 SelfSigned(string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), password: null);
    }
}
