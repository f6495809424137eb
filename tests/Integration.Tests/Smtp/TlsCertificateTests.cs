using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// A configured PEM certificate and key (maild.tls) are what clients get, on STARTTLS and on the smtps port.
public sealed class TlsCertificateTests : MaildTestBase
{
    [Fact]
    public async Task A_configured_PEM_pair_is_presented_instead_of_a_self_signed_certificate()
    {
        var folder = Path.Combine(Path.GetTempPath(), "maild-cert-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=configured.example.test", key, HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            var certificateFile = Path.Combine(folder, "cert.pem");
            var keyFile = Path.Combine(folder, "key.pem");
            await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem(), Ct);
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem(), Ct);
            var server = await StartServerAsync(new MaildOptions
            {
                Config = $"maild.tls.certificate-file = \"{certificateFile}\"\nmaild.tls.key-file = \"{keyFile}\"\n",
            });

            foreach (var (port, security) in new[] { (server.SmtpPort, SecureSocketOptions.StartTls), (server.SmtpsPort, SecureSocketOptions.SslOnConnect) })
            {
                string? thumbprint = null;
                using var client = new SmtpClient
                {
                    CheckCertificateRevocation = false,
                    ServerCertificateValidationCallback = (_, c, _, _) =>
                    {
                        thumbprint = c is null ? null : new X509Certificate2(c).Thumbprint;
                        return true;
                    },
                };
                await client.ConnectAsync("127.0.0.1", port, security, Ct);
                Assert.True(client.IsSecure);
                await client.DisconnectAsync(quit: true, Ct);
                Assert.Equal(certificate.Thumbprint, thumbprint);
            }
            Assert.False(System.IO.Directory.Exists(Path.Combine(server.DataDir, "tls")), "no self-signed certificate when one is configured");
            Assert.DoesNotContain("self-signed", server.Log);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
