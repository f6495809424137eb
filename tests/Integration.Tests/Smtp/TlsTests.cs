using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mail.Integration.Tests.Clients;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// <summary>
/// TLS on the SMTP server side, black-box: STARTTLS on port 25 and submission (RFC 3207),
/// implicit TLS on the smtps port (RFC 8314), real clients (MailKit, Python's smtplib, swaks)
/// and a raw client for what libraries never do, such as commands pipelined behind STARTTLS.
/// The shared server has no certificate configured, so it made a self-signed one.
/// </summary>
public sealed class TlsTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    public override ValueTask InitializeAsync()
    {
        Watch(Server);
        return base.InitializeAsync();
    }

    private static SmtpClient NewClient(Action<X509Certificate?>? seen = null) => new()
    {
        LocalDomain = "client.example.test",
        Timeout = 60_000,
        CheckCertificateRevocation = false,
        ServerCertificateValidationCallback = (_, certificate, _, _) =>
        {
            seen?.Invoke(certificate);
            return true;
        },
    };

    private async Task<MimeKit.MimeMessage> SendAndFetchAsync(int port, SecureSocketOptions security, string prefix)
    {
        var user = UniqueAddress(prefix);
        await Server.AddUserAsync(user, "secret");
        using (var client = NewClient())
        {
            await client.ConnectAsync("127.0.0.1", port, security, Ct);
            Assert.True(client.IsSecure);
            // Submission ports take mail only from authenticated users (RFC 6409), as themselves.
            var submission = port != Server.SmtpPort;
            if (submission)
                await client.AuthenticateAsync(user, "secret", Ct);
            await client.SendAsync(MailKitClients.NewMessage(submission ? user : "sender@remote.test", user, $"over {security}", "secret text\r\n"), Ct);
            await client.DisconnectAsync(quit: true, Ct);
        }
        return Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, user, "secret"));
    }

    [Fact]
    public async Task MailKit_with_STARTTLS_delivers_and_the_Received_line_says_ESMTPS_with_the_cipher()
    {
        var message = await SendAndFetchAsync(Server.SmtpPort, SecureSocketOptions.StartTls, "starttls");

        Assert.Equal("over StartTls", message.Subject);
        var trace = message.Headers[MimeKit.HeaderId.Received];
        Assert.Contains(" with ESMTPS id ", trace);
        Assert.Matches(@"\(using TLSv1\.[23] with cipher TLS_\w+\)", trace);
    }

    [Fact]
    public async Task MailKit_with_implicit_TLS_on_the_smtps_port_delivers()
    {
        var message = await SendAndFetchAsync(Server.SmtpsPort, SecureSocketOptions.SslOnConnect, "smtps");

        Assert.Equal("over SslOnConnect", message.Subject);
        Assert.Contains(" with ESMTPSA id ", message.Headers[MimeKit.HeaderId.Received]);
        await AssertLoggedAsync("(smtps): TLSv1.");
    }

    [Fact]
    public async Task MailKit_with_STARTTLS_on_the_submission_port_delivers_as_submission()
    {
        var message = await SendAndFetchAsync(Server.SubmissionPort, SecureSocketOptions.StartTls, "submission");

        Assert.Equal("over StartTls", message.Subject);
        await AssertLoggedAsync("service=submission");
        await AssertLoggedAsync("sasl_method=");
    }

    [Fact]
    public async Task Python_smtplib_starttls_sends_and_STARTTLS_is_gone_from_the_second_EHLO()
    {
        Assert.True(ExternalClient.IsInstalled("python3"), "python3 is required (installed by .ci/run)");
        var user = UniqueAddress("pytls");
        await Server.AddUserAsync(user, "secret");
        const string script = """
            import smtplib, ssl, sys
            s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]))
            s.ehlo("client.test")
            print("before", s.has_extn("starttls"))
            print("starttls", s.starttls(context=ssl._create_unverified_context())[0])
            s.ehlo("client.test")
            print("after", s.has_extn("starttls"), s.sock.version())
            print("refused", s.sendmail("py@remote.test", [sys.argv[2]], "Subject: python tls\r\n\r\nhello\r\n"))
            s.quit()
            """;

        var (exit, stdout, stderr) = await ExternalClient.RunAsync("python3", ["-c", script, Server.SmtpPort.ToString(), user], null, Ct);

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("before True", lines[0]);
        Assert.Equal("starttls 220", lines[1]);
        Assert.Matches(@"^after False TLSv1\.[23]$", lines[2]);
        Assert.Equal("refused {}", lines[3]);
        Assert.Equal("python tls", Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, user, "secret")).Subject);
    }

    [Fact]
    public async Task Swaks_with_tls_delivers()
    {
        Assert.True(ExternalClient.IsInstalled("swaks"), "swaks is required (installed by .ci/run)");
        var user = UniqueAddress("swakstls");
        await Server.AddUserAsync(user, "secret");

        var (exit, stdout, stderr) = await ExternalClient.RunAsync("swaks",
            ["--server", $"127.0.0.1:{Server.SmtpPort}", "--tls", "--from", "admin@remote.test", "--to", user,
             "--helo", "admin.test", "--header", "Subject: swaks tls", "--body", "hello over tls"], null, Ct);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("=== TLS started", stdout);
        Assert.Matches(@"<~  250 2\.0\.0 Ok: queued as \S+", stdout);
        Assert.Equal("swaks tls", Assert.Single(await MailKitClients.FetchAllAsync(Server.Pop3Port, user, "secret")).Subject);
    }

    [Theory]
    [InlineData("RSET\r\n")]
    [InlineData("MAIL FROM:<a@b.example>\r\n")]
    public async Task Commands_pipelined_with_STARTTLS_are_not_executed_after_the_handshake_CVE_2011_0411(string injected)
    {
        await using var smtp = await TlsClient.ConnectAsync(Server.SmtpPort);
        Assert.StartsWith("220 ", await smtp.ReadReplyAsync());
        Assert.Contains("250-STARTTLS", await smtp.CommandAsync("EHLO client.test"));

        await smtp.WriteAsync("STARTTLS\r\n" + injected); // one write: one segment on loopback
        Assert.Equal("220 2.0.0 Ready to start TLS", await smtp.ReadReplyAsync());
        await smtp.HandshakeAsync(); // would fail if a plaintext reply to the injected line came first

        // The first reply over TLS answers EHLO, not the injected command; and no transaction
        // was started by it (a MAIL now is accepted, not a nested MAIL).
        var ehlo = await smtp.CommandAsync("EHLO client.test");
        Assert.StartsWith($"250-{MaildOptions.Hostname}|", ehlo);
        Assert.DoesNotContain("STARTTLS", ehlo);
        Assert.Equal("250 2.0.0 Ok", await smtp.CommandAsync("NOOP"));
        Assert.Equal("250 2.1.0 Ok", await smtp.CommandAsync("MAIL FROM:<x@remote.test>"));
        Assert.Equal("221 2.0.0 Bye", await smtp.CommandAsync("QUIT"));
    }

    [Fact]
    public async Task After_STARTTLS_the_client_must_say_EHLO_again_and_a_second_STARTTLS_is_503()
    {
        await using var smtp = await TlsClient.ConnectAsync(Server.SmtpPort);
        await smtp.ReadReplyAsync();
        await smtp.CommandAsync("EHLO client.test");
        Assert.Equal("501 5.5.4 Syntax: STARTTLS", await smtp.CommandAsync("STARTTLS please"));
        Assert.Equal("220 2.0.0 Ready to start TLS", await smtp.CommandAsync("STARTTLS"));
        await smtp.HandshakeAsync();

        Assert.Equal("503 5.5.1 Error: send HELO/EHLO first", await smtp.CommandAsync("MAIL FROM:<x@remote.test>"));
        await smtp.CommandAsync("EHLO client.test");
        Assert.Equal("503 5.5.1 Error: TLS already active", await smtp.CommandAsync("STARTTLS"));
    }

    [Fact]
    public async Task A_failed_handshake_closes_the_connection_and_is_logged()
    {
        await using var smtp = await TlsClient.ConnectAsync(Server.SmtpPort);
        await smtp.ReadReplyAsync();
        await smtp.CommandAsync("EHLO client.test");
        Assert.Equal("220 2.0.0 Ready to start TLS", await smtp.CommandAsync("STARTTLS"));

        await smtp.WriteAsync("this is not a TLS client hello\r\n");

        Assert.True(await smtp.IsClosedByServerAsync());
        await AssertLoggedAsync("SSL_accept error from unknown[127.0.0.1] (smtp)");
    }

    [Fact]
    public async Task TLS_1_1_is_refused_and_TLS_1_2_accepted()
    {
        Assert.True(ExternalClient.IsInstalled("python3"), "python3 is required (installed by .ci/run)");
        // Python lets a client offer TLS 1.1 only (at OpenSSL security level 0), so what
        // refuses it is the server: the client gets the server's protocol_version alert.
        const string script = """
            import smtplib, ssl, sys, warnings
            warnings.simplefilter("ignore")
            for v in (ssl.TLSVersion.TLSv1_1, ssl.TLSVersion.TLSv1_2):
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
                ctx.minimum_version = ctx.maximum_version = v
                s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]))
                try:
                    s.starttls(context=ctx); print(v.name, "ok", s.sock.version())
                except ssl.SSLError as e:
                    print(v.name, "refused", e.reason)
            """;

        var (exit, stdout, stderr) = await ExternalClient.RunAsync("python3", ["-c", script, Server.SmtpPort.ToString()], null, Ct);

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("TLSv1_1 refused TLSV1_ALERT_PROTOCOL_VERSION", lines[0]);
        Assert.Equal("TLSv1_2 ok TLSv1.2", lines[1]);
    }

    [Fact]
    public async Task The_self_signed_certificate_names_the_host_and_its_key_is_0600()
    {
        X509Certificate2? seen = null;
        using (var client = NewClient(c => seen = c is null ? null : new X509Certificate2(c)))
        {
            await client.ConnectAsync("127.0.0.1", Server.SmtpsPort, SecureSocketOptions.SslOnConnect, Ct);
            await client.DisconnectAsync(quit: true, Ct);
        }

        Assert.NotNull(seen);
        Assert.True(seen.MatchesHostname(MaildOptions.Hostname));
        var key = Path.Combine(Server.DataDir, "tls", "selfsigned-key.pem");
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        using var onDisk = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Server.DataDir, "tls", "selfsigned-cert.pem"));
        Assert.Equal(onDisk.Thumbprint, seen.Thumbprint);
        await AssertLoggedAsync("using a self-signed certificate for mx.example.test");
    }

    private async Task AssertLoggedAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Server.Log.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"not in the log: {text}");
            await Task.Delay(100, Ct);
        }
    }
}
