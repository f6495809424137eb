using Mail.Host.Configuration;
using Xunit;

namespace Mail.Host.Tests.Management;

/// `maild.management`: the default, the environment override, and what is refused.
public sealed class ManagementSettingsTests
{
    private static MaildSettings Load(Dictionary<string, string?> env) => MaildSettings.From(ConfigLoader.Load(null, env));

    [Fact]
    public void By_default_it_listens_on_loopback_9110_with_the_token_in_the_data_folder()
    {
        var settings = Load([]);

        Assert.Equal("127.0.0.1:9110", settings.Management.Listen?.ToString());
        Assert.Equal(Path.Combine(settings.DataDir, "management.token"), settings.Management.TokenFile);
    }

    [Theory]
    [InlineData("[::1]:9200", "[::1]:9200")]
    [InlineData("localhost:9200", "127.0.0.1:9200")]
    public void The_environment_may_move_it_to_another_loopback_address(string value, string expected) =>
        Assert.Equal(expected, Load(new() { ["MAILD_MANAGEMENT_LISTEN"] = value }).Management.Listen?.ToString());

    [Fact]
    public void An_empty_listen_disables_it() =>
        Assert.Null(Load(new() { ["MAILD_MANAGEMENT_LISTEN"] = "" }).Management.Listen);

    [Theory]
    [InlineData("0.0.0.0:9110", "is not a loopback address")]
    [InlineData("192.0.2.1:9110", "is not a loopback address")]
    [InlineData("127.0.0.1:0", "needs a fixed port")]
    public void Anything_but_a_fixed_loopback_address_is_refused(string value, string why)
    {
        var e = Assert.Throws<ConfigException>(() => Load(new() { ["MAILD_MANAGEMENT_LISTEN"] = value }));

        Assert.StartsWith("maild.management.listen:", e.Message);
        Assert.Contains(why, e.Message);
    }
}
