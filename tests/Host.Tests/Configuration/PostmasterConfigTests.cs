using Mail.Host.Configuration;
using Xunit;

namespace Mail.Host.Tests.Configuration;

/// `maild.postmaster`: where postmaster@ and abuse@ of every domain go by default.
public sealed class PostmasterConfigTests : ConfigFileTest
{
    [Fact]
    public void Default_is_postmaster_at_the_first_domain()
    {
        var s = Load("maild { hostname = MX.Example.ORG, domains = [\"Example.org\", \"example.net\"] }");

        Assert.Equal(("postmaster@example.org", "mx.example.org"), (s.Aliases.PostmasterAddress, s.Aliases.Hostname));
    }

    [Fact]
    public void Without_domains_it_is_postmaster_at_the_host_name()
    {
        Assert.Equal("postmaster@mx.example.org", Load("maild.hostname = mx.example.org").Aliases.PostmasterAddress);
    }

    [Fact]
    public void A_given_address_is_canonical_and_may_be_remote()
    {
        Assert.Equal("hostmaster@provider.example", Load("maild.postmaster = \"HostMaster@Provider.example\"").Aliases.PostmasterAddress);
    }

    [Fact]
    public void A_bad_address_names_the_setting()
    {
        var e = Assert.Throws<ConfigException>(() => Load("maild.postmaster = \"root\""));

        Assert.StartsWith("maild.postmaster: 'root' is not an address", e.Message);
    }
}
