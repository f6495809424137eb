using System.Net;
using Mail.Host.Configuration;
using Xunit;

namespace Mail.Host.Tests.Configuration;

public sealed class CidrTests
{
    [Theory]
    [InlineData("127.0.0.0/8", "127.1.2.3", true)]
    [InlineData("127.0.0.0/8", "128.0.0.1", false)]
    [InlineData("192.0.2.0/25", "192.0.2.127", true)]
    [InlineData("192.0.2.0/25", "192.0.2.128", false)]
    [InlineData("10.1.2.3", "10.1.2.3", true)]
    [InlineData("10.1.2.3", "10.1.2.4", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("::1/128", "::1", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("127.0.0.0/8", "::ffff:127.0.0.1", true)]
    [InlineData("127.0.0.0/8", "::1", false)]
    public void Contains(string network, string address, bool expected) =>
        Assert.Equal(expected, Cidr.Parse(network, "test").Contains(IPAddress.Parse(address)));
}
