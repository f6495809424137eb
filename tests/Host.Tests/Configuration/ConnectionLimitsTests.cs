using System.Net;
using Mail.Host.Network;
using Xunit;

namespace Mail.Host.Tests.Configuration;

public sealed class ConnectionLimitsTests
{
    private static readonly ConnectionLimits Limits = new(10, 2, ip => IPAddress.IsLoopback(ip), (ip, perClient) => perClient ? $"per {ip}" : "total");

    [Fact]
    public void Per_client_and_total_limits_with_exempt_networks()
    {
        var outsider = IPAddress.Parse("192.0.2.1");
        Assert.Null(Limits.Check(outsider, 5, 1));
        Assert.Equal("per 192.0.2.1", Limits.Check(outsider, 5, 2));
        Assert.Null(Limits.Check(IPAddress.Loopback, 5, 9)); // exempt from the per-client limit
        Assert.Equal("total", Limits.Check(IPAddress.Loopback, 10, 0)); // but not from the total
    }
}
