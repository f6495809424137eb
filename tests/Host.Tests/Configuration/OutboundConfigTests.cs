using System.Net;
using Mail.Actors.Delivery.Remote;
using Mail.Host.Configuration;
using Xunit;

namespace Mail.Host.Tests.Configuration;

/// The `maild.queue` and `maild.delivery` blocks, and mynetworks as the relay permission.
public sealed class OutboundConfigTests : ConfigFileTest
{
    [Fact]
    public void Defaults_are_Postfixs()
    {
        var s = MaildSettings.From(ConfigLoader.Load(null, NoEnvironment));

        Assert.Equal((TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(4000), TimeSpan.FromDays(5), TimeSpan.FromDays(5), TimeSpan.Zero),
            (s.Queue.Schedule.MinimalBackoff, s.Queue.Schedule.MaximalBackoff, s.Queue.Schedule.MaximalLifetime, s.Queue.Schedule.BounceLifetime, s.Queue.Schedule.DelayWarning));
        Assert.Equal((20_000, 50_000L), (s.Queue.ActiveLimit, s.Queue.BounceSizeLimit));
        Assert.Equal((25, 20, 5, TlsPolicy.May), (s.Delivery.SmtpPort, s.Delivery.DestinationConcurrency, s.Delivery.InitialConcurrency, s.Delivery.TlsPolicy));
        Assert.Empty(s.Delivery.DnsServers);
        Assert.True(s.Smtp.MayRelay(IPAddress.Loopback));
        Assert.True(s.Smtp.MayRelay(IPAddress.IPv6Loopback));
        Assert.False(s.Smtp.MayRelay(IPAddress.Parse("192.0.2.1")));
    }

    [Fact]
    public void Settings_go_down_to_seconds_for_tests_and_tls_policies_per_domain()
    {
        var s = Load("""
            maild.queue { minimal-backoff-time = 1s, maximal-backoff-time = 2s, maximal-queue-lifetime = 10s, delay-warning-time = 3s }
            maild.delivery { smtp-port = 2525, dns-servers = ["127.0.0.1:5353"], tls-security-level = none, tls-policy = ["Bank.Example encrypt", "legacy.example. none"] }
            maild.mynetworks = ["10.0.0.0/8"]
            """);

        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3)),
            (s.Queue.Schedule.MinimalBackoff, s.Queue.Schedule.MaximalBackoff, s.Queue.Schedule.MaximalLifetime, s.Queue.Schedule.DelayWarning));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5353), Assert.Single(s.Delivery.DnsServers));
        Assert.Equal(2525, s.Delivery.SmtpPort);
        Assert.Equal(TlsPolicy.None, s.Delivery.TlsFor("other.example"));
        Assert.Equal(TlsPolicy.Encrypt, s.Delivery.TlsFor("bank.example"));
        Assert.Equal(TlsPolicy.None, s.Delivery.TlsFor("legacy.example"));
        Assert.True(s.Smtp.MayRelay(IPAddress.Parse("10.1.2.3")));
        Assert.False(s.Smtp.MayRelay(IPAddress.Loopback));
    }

    [Theory]
    [InlineData("maild.delivery.dns-servers = [\"127.0.0.1\"]", "maild.delivery.dns-servers")]
    [InlineData("maild.delivery.tls-security-level = maybe", "maild.delivery.tls-security-level")]
    [InlineData("maild.delivery.tls-policy = [\"example.org\"]", "maild.delivery.tls-policy")]
    [InlineData("maild.delivery.smtp-port = 70000", "maild.delivery.smtp-port")]
    [InlineData("maild.queue.minimal-backoff-time = 0s", "maild.queue.minimal-backoff-time")]
    [InlineData("maild.queue { minimal-backoff-time = 1h, maximal-backoff-time = 1m }", "maild.queue.maximal-backoff-time")]
    [InlineData("maild.queue.active-limit = 0", "maild.queue.active-limit")]
    public void Bad_values_stop_the_start_naming_the_setting(string text, string setting)
    {
        var e = Assert.Throws<ConfigException>(() => Load(text));
        Assert.StartsWith(setting, e.Message, StringComparison.Ordinal);
    }
}
