using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mail.Host.Configuration;
using Mail.Host.Tls;
using Xunit;

namespace Mail.Host.Tests.Configuration;

/// The TLS listeners and `maild.tls`: environment overrides, the configured PEM pair, the self-signed fallback.
public sealed class TlsConfigTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("maild-tls-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    private static MaildSettings Load(Dictionary<string, string?> env) => MaildSettings.From(ConfigLoader.Load(null, env));

    [Fact]
    public void Submission_and_smtps_listeners_are_off_by_default_and_set_from_the_environment()
    {
        var defaults = Load([]);
        Assert.Empty(defaults.SubmissionListen);
        Assert.Empty(defaults.SmtpsListen);
        Assert.False(defaults.Tls.HasCertificate);
        Assert.Equal(TimeSpan.FromSeconds(60), defaults.Tls.HandshakeTimeout);

        var settings = Load(new() { ["MAILD_SUBMISSION_LISTEN"] = "127.0.0.1:2587", ["MAILD_SMTPS_LISTEN"] = "127.0.0.1:2465, [::1]:2465" });

        Assert.Equal(["127.0.0.1:2587"], settings.SubmissionListen.Select(a => a.ToString()));
        Assert.Equal(["127.0.0.1:2465", "[::1]:2465"], settings.SmtpsListen.Select(a => a.ToString()));
    }

    [Fact]
    public void A_key_file_without_a_certificate_file_is_refused()
    {
        var path = Path.Combine(_folder, "maild.conf");
        File.WriteAllText(path, "maild.tls.key-file = \"/etc/key.pem\"\n");

        var e = Assert.Throws<ConfigException>(() => MaildSettings.From(ConfigLoader.Load(path, new Dictionary<string, string?>())));

        Assert.Contains("maild.tls.key-file", e.Message);
    }

    [Fact]
    public void The_self_signed_certificate_is_made_once_with_a_private_key_file_and_reused()
    {
        var (first, warning) = ServerCertificate.Load(TlsSettings.Defaults, _folder, "mx.example.test");
        var key = Path.Combine(_folder, "tls", ServerCertificate.SelfSignedKey);

        Assert.Contains("self-signed certificate for mx.example.test made now", warning);
        Assert.True(first.TargetCertificate.MatchesHostname("mx.example.test"));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));

        var (second, again) = ServerCertificate.Load(TlsSettings.Defaults, _folder, "mx.example.test");
        Assert.Equal(first.TargetCertificate.Thumbprint, second.TargetCertificate.Thumbprint);
        Assert.Contains("made earlier", again);

        var (renamed, _) = ServerCertificate.Load(TlsSettings.Defaults, _folder, "mail.example.test");
        Assert.True(renamed.TargetCertificate.MatchesHostname("mail.example.test"));
    }

    [Fact]
    public void A_configured_pair_is_loaded_with_its_chain_and_the_key_may_be_in_the_certificate_file()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = new CertificateRequest("CN=Test CA", caKey, HashAlgorithmName.SHA256)
        {
            CertificateExtensions = { new X509BasicConstraintsExtension(true, false, 0, true) },
        }.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = new CertificateRequest("CN=mx.example.test", leafKey, HashAlgorithmName.SHA256)
            .Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3]);
        var combined = Path.Combine(_folder, "combined.pem");
        File.WriteAllText(combined, leaf.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n" + leafKey.ExportPkcs8PrivateKeyPem() + "\n");

        var (context, warning) = ServerCertificate.Load(new TlsSettings(combined, "", TimeSpan.FromSeconds(5)), _folder, "ignored");

        Assert.Null(warning);
        Assert.Equal(leaf.Thumbprint, context.TargetCertificate.Thumbprint);
        Assert.False(System.IO.Directory.Exists(Path.Combine(_folder, "tls")));
    }

    [Fact]
    public void An_unreadable_certificate_stops_the_start_with_the_setting_named()
    {
        var e = Assert.Throws<ConfigException>(() =>
            ServerCertificate.Load(new TlsSettings(Path.Combine(_folder, "missing.pem"), "", TimeSpan.FromSeconds(5)), _folder, "mx"));

        Assert.StartsWith("maild.tls.certificate-file", e.Message);
    }
}
