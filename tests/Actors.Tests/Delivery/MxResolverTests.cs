using System.Net;
using Mail.Actors.Delivery.Remote;
using Mail.Tests.Shared;

namespace Mail.Actors.Tests.Delivery;

/// MX lookups against the loopback DnsResponder: order, implicit MX, null MX, NXDOMAIN, SERVFAIL.
public sealed class MxResolverTests : IDisposable
{
    private readonly DnsResponder _dns = new();
    private readonly MxResolver _resolver;

    public MxResolverTests()
    {
        _resolver = new MxResolver(RemoteDeliverySettings.Defaults("client.test") with
        {
            DnsServers = [_dns.EndPoint],
            DnsTimeout = TimeSpan.FromSeconds(2),
        });
    }

    public void Dispose() => _dns.Dispose();

    [Fact]
    public async Task Hosts_come_in_preference_order_with_their_A_and_AAAA_addresses()
    {
        _dns.AddMx("example.test", 20, "mx2.example.test").AddMx("example.test", 10, "mx1.example.test")
            .AddA("mx1.example.test", "127.0.0.1").AddAaaa("mx1.example.test", "::1")
            .AddA("mx2.example.test", "127.0.0.2");

        var found = Assert.IsType<MxResolution.Found>(await _resolver.ResolveAsync("example.test", TestContext.Current.CancellationToken));

        Assert.Equal(["mx1.example.test", "mx2.example.test"], found.Hosts.Select(h => h.Name));
        Assert.Equal([IPAddress.Parse("127.0.0.1"), IPAddress.IPv6Loopback], found.Hosts[0].Addresses);
        Assert.Equal([10, 20], found.Hosts.Select(h => h.Preference));
        Assert.Equal(TimeSpan.FromSeconds(60), found.Ttl);
    }

    [Fact]
    public async Task Without_MX_the_domain_itself_is_the_implicit_MX()
    {
        _dns.AddA("example.test", "127.0.0.1");

        var found = Assert.IsType<MxResolution.Found>(await _resolver.ResolveAsync("example.test", TestContext.Current.CancellationToken));

        var host = Assert.Single(found.Hosts);
        Assert.Equal("example.test", host.Name);
        Assert.Equal([IPAddress.Loopback], host.Addresses);
    }

    [Fact]
    public async Task An_MX_host_without_addresses_is_skipped()
    {
        _dns.AddMx("example.test", 10, "ghost.example.test").AddMx("example.test", 20, "mx.example.test")
            .AddA("mx.example.test", "127.0.0.1");

        var found = Assert.IsType<MxResolution.Found>(await _resolver.ResolveAsync("example.test", TestContext.Current.CancellationToken));

        Assert.Equal(["mx.example.test"], found.Hosts.Select(h => h.Name));
    }

    [Fact]
    public async Task Null_MX_is_reported_as_such()
    {
        _dns.AddNullMx("example.test").AddA("example.test", "127.0.0.1");

        Assert.IsType<MxResolution.NullMx>(await _resolver.ResolveAsync("example.test", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task NXDOMAIN_is_not_found()
    {
        var notFound = Assert.IsType<MxResolution.NotFound>(await _resolver.ResolveAsync("nowhere.test", TestContext.Current.CancellationToken));

        Assert.Contains("name=nowhere.test type=MX: Host not found", notFound.Detail);
    }

    [Fact]
    public async Task SERVFAIL_is_temporary()
    {
        _dns.ServFail("example.test");

        var failure = Assert.IsType<MxResolution.TemporaryFailure>(await _resolver.ResolveAsync("example.test", TestContext.Current.CancellationToken));

        Assert.Contains("try again", failure.Detail);
    }
}
