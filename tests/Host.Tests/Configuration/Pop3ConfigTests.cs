using Akka.Configuration;
using Mail.Host.Configuration;
using Xunit;

namespace Mail.Host.Tests.Configuration;

/// The POP3 listeners and limits of `maild.pop3`: defaults, environment overrides, bad values.
public sealed class Pop3ConfigTests
{
    private static MaildSettings Load(Dictionary<string, string?> env, string? config = null)
    {
        var loaded = ConfigLoader.Load(null, env);
        return MaildSettings.From(config is null ? loaded : ConfigurationFactory.ParseString(config).WithFallback(loaded));
    }

    [Fact]
    public void Pop3s_listens_on_995_by_default_and_is_set_or_disabled_from_the_environment()
    {
        Assert.Equal(["0.0.0.0:995"], Load([]).Pop3sListen.Select(a => a.ToString()));

        Assert.Equal(["127.0.0.1:2995", "[::1]:2995"],
            Load(new() { ["MAILD_POP3S_LISTEN"] = "127.0.0.1:2995, [::1]:2995" }).Pop3sListen.Select(a => a.ToString()));
        Assert.Empty(Load(new() { ["MAILD_POP3S_LISTEN"] = "" }).Pop3sListen);
    }

    [Fact]
    public void Connection_limits_have_defaults_and_must_be_positive()
    {
        Assert.Equal((1000, 20), Load([]).Pop3ConnectionLimits);
        Assert.Equal((5, 2), Load([], "maild.pop3.connection-limit = 5\nmaild.pop3.client-connection-limit = 2").Pop3ConnectionLimits);

        var e = Assert.Throws<ConfigException>(() => Load([], "maild.pop3.client-connection-limit = 0"));
        Assert.Contains("maild.pop3.client-connection-limit", e.Message);
    }

    [Fact]
    public void A_bad_pop3s_address_names_the_setting()
    {
        var e = Assert.Throws<ConfigException>(() => Load(new() { ["MAILD_POP3S_LISTEN"] = "nowhere" }));
        Assert.Contains("maild.pop3.pop3s-listen", e.Message);
    }
}
