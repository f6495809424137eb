using System.Security.Cryptography.X509Certificates;
using Mail.Actors.Delivery;
using Mail.Actors.Delivery.Remote;
using Mail.Tests.Shared;

namespace Mail.Actors.Tests.Delivery;

/// <summary>
/// The outbound TLS policy (Postfix smtp_tls_security_level) against a scripted MX on loopback
/// whose certificate is self-signed. A passing "verify" needs a certificate that chains to a
/// root the machine trusts, which a test cannot plant without touching the system store, so
/// only its refusal is tested here.
/// </summary>
public sealed class OutboundTlsSpecs(ITestOutputHelper output) : RemoteDeliverySpec(output)
{
    private static readonly Lazy<X509Certificate2> SelfSigned = new(() => TestCertificates.SelfSigned("mx.example.test"));

    private void MxTo127001(string domain = "example.test") =>
        Dns.AddMx(domain, 10, $"mx.{domain}").AddA($"mx.{domain}", "127.0.0.1");

    private void OfferStartTls()
    {
        Smtp.Certificate = SelfSigned.Value;
        Smtp.OfferStartTls = true;
    }

    private async Task<RecipientOutcome> Send(TlsPolicy policy)
    {
        Settings = Settings with { TlsPolicy = policy };
        return Single(await Deliver(Delivery(), Request()));
    }

    [Fact]
    public async Task May_uses_STARTTLS_when_offered_and_takes_a_self_signed_certificate()
    {
        MxTo127001();
        OfferStartTls();

        var outcome = await Send(TlsPolicy.May);

        Assert.Equal(DeliveryStatus.Delivered, outcome.Status);
        Assert.True(Assert.Single(Smtp.Messages).Tls);
        Assert.Equal(1, Smtp.TlsSessions);
        Assert.Equal("mx.example.test", Assert.Single(Smtp.TlsServerNames));
    }

    [Fact]
    public async Task May_sends_in_plain_text_when_STARTTLS_is_not_offered()
    {
        MxTo127001();

        var outcome = await Send(TlsPolicy.May);

        Assert.Equal(DeliveryStatus.Delivered, outcome.Status);
        Assert.False(Assert.Single(Smtp.Messages).Tls);
        Assert.Equal(0, Smtp.StartTlsCommands);
    }

    [Fact]
    public async Task None_never_sends_STARTTLS_even_when_offered()
    {
        MxTo127001();
        OfferStartTls();

        var outcome = await Send(TlsPolicy.None);

        Assert.Equal(DeliveryStatus.Delivered, outcome.Status);
        Assert.False(Assert.Single(Smtp.Messages).Tls);
        Assert.Equal(0, Smtp.StartTlsCommands);
    }

    [Fact]
    public async Task Encrypt_takes_a_self_signed_certificate()
    {
        MxTo127001();
        OfferStartTls();

        var outcome = await Send(TlsPolicy.Encrypt);

        Assert.Equal(DeliveryStatus.Delivered, outcome.Status);
        Assert.True(Assert.Single(Smtp.Messages).Tls);
    }

    [Fact]
    public async Task Encrypt_defers_when_STARTTLS_is_not_offered()
    {
        MxTo127001();

        var outcome = await Send(TlsPolicy.Encrypt);

        Assert.Equal((DeliveryStatus.Deferred, "4.7.4"), (outcome.Status, outcome.Dsn));
        Assert.Equal($"TLS is required, but was not offered by host mx.example.test[127.0.0.1]:{Smtp.Port}", outcome.Diagnostic);
        Assert.Empty(Smtp.Messages);
    }

    [Fact]
    public async Task Verify_defers_on_a_self_signed_certificate()
    {
        MxTo127001();
        OfferStartTls();

        var outcome = await Send(TlsPolicy.Verify);

        Assert.Equal((DeliveryStatus.Deferred, "4.7.5"), (outcome.Status, outcome.Dsn));
        Assert.StartsWith("Server certificate not verified: ", outcome.Diagnostic);
        Assert.Contains("self", outcome.Diagnostic);
        Assert.EndsWith($"(host mx.example.test[127.0.0.1]:{Smtp.Port})", outcome.Diagnostic);
        Assert.Empty(Smtp.Messages);
        Assert.Equal(1, Smtp.StartTlsCommands);
    }

    [Fact]
    public async Task Verify_defers_when_STARTTLS_is_not_offered()
    {
        MxTo127001();

        var outcome = await Send(TlsPolicy.Verify);

        Assert.Equal((DeliveryStatus.Deferred, "4.7.4"), (outcome.Status, outcome.Dsn));
        Assert.Empty(Smtp.Messages);
    }

    [Fact]
    public async Task A_broken_handshake_under_May_defers_and_sends_nothing()
    {
        MxTo127001();
        OfferStartTls();
        Smtp.BreakTlsHandshake = true;

        var outcome = await Send(TlsPolicy.May);

        // Postfix can retry such a host in plain text; we do not (yet): deferred, not bounced.
        Assert.Equal((DeliveryStatus.Deferred, "4.7.5"), (outcome.Status, outcome.Dsn));
        Assert.StartsWith($"Cannot start TLS: handshake failure with host mx.example.test[127.0.0.1]:{Smtp.Port}", outcome.Diagnostic);
        Assert.DoesNotContain("certificate", outcome.Diagnostic, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', outcome.Diagnostic);
        Assert.Empty(Smtp.Messages);
    }

    [Fact]
    public async Task STARTTLS_refused_with_454_under_Encrypt_defers()
    {
        MxTo127001();
        OfferStartTls();
        Smtp.StartTlsReply = "454 4.7.0 TLS not available due to local problem";

        var outcome = await Send(TlsPolicy.Encrypt);

        Assert.Equal((DeliveryStatus.Deferred, "4.7.0"), (outcome.Status, outcome.Dsn));
        Assert.Equal(
            $"TLS is required, but host mx.example.test[127.0.0.1]:{Smtp.Port} refused to start TLS: 454 4.7.0 TLS not available due to local problem",
            outcome.Diagnostic);
        Assert.Empty(Smtp.Messages);
    }

    [Fact]
    public async Task STARTTLS_refused_with_454_under_May_defers_rather_than_going_on_in_plain_text()
    {
        MxTo127001();
        OfferStartTls();
        Smtp.StartTlsReply = "454 4.7.0 TLS not available due to local problem";

        var outcome = await Send(TlsPolicy.May);

        // MailKit's StartTlsWhenAvailable throws on the 454; Postfix "may" would send in plain text.
        Assert.Equal((DeliveryStatus.Deferred, "4.7.0"), (outcome.Status, outcome.Dsn));
        Assert.StartsWith($"host mx.example.test[127.0.0.1]:{Smtp.Port} refused to start TLS: 454 4.7.0", outcome.Diagnostic);
        Assert.Empty(Smtp.Messages);
    }

    [Fact]
    public async Task Per_destination_policy_overrides_the_default()
    {
        MxTo127001("example.test");
        MxTo127001("other.test");
        OfferStartTls();
        Settings = Settings with
        {
            TlsPolicy = TlsPolicy.None,
            PerDestinationTls = new Dictionary<string, TlsPolicy>(StringComparer.OrdinalIgnoreCase) { ["example.test"] = TlsPolicy.Encrypt },
        };
        var delivery = Delivery();

        Assert.Equal(DeliveryStatus.Delivered, Single(await Deliver(delivery, Request(domain: "other.test"))).Status);
        Assert.Equal(DeliveryStatus.Delivered, Single(await Deliver(delivery, Request(domain: "example.test"))).Status);

        Assert.Equal(
            [("RCPT TO:<bob@other.test>", false), ("RCPT TO:<bob@example.test>", true)],
            Smtp.Messages.Select(m => (Assert.Single(m.RcptTo), m.Tls)));
        Assert.Equal(1, Smtp.StartTlsCommands);
    }

    [Fact]
    public async Task A_TLS_session_is_reused_for_the_next_message()
    {
        MxTo127001();
        OfferStartTls();
        Settings = Settings with { TlsPolicy = TlsPolicy.Encrypt };
        var delivery = Delivery();

        Assert.Equal(DeliveryStatus.Delivered, Single(await Deliver(delivery, Request())).Status);
        Assert.Equal(DeliveryStatus.Delivered, Single(await Deliver(delivery, Request())).Status);

        Assert.All(Smtp.Messages, m => Assert.True(m.Tls));
        Assert.Equal((1, 1), (Smtp.Connections, Smtp.TlsSessions));
    }
}
