using Akka.Configuration;
using Mail.Host.Cli;
using Mail.Host.Configuration;
using Xunit;

namespace Mail.Host.Tests.Management;

/// `maild config show [--non-default]` (postconf / postconf -n).
public sealed class ConfigTextTests : IDisposable
{
    private readonly string _folder = global::System.IO.Directory.CreateTempSubdirectory("maild-config-show-").FullName;
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    public void Dispose() => global::System.IO.Directory.Delete(_folder, recursive: true);

    private Config Load(string text)
    {
        var path = Path.Combine(_folder, "maild.conf");
        File.WriteAllText(path, text);
        return ConfigLoader.Load(path, NoEnvironment);
    }

    [Fact]
    public void Non_default_lists_exactly_what_the_file_changed()
    {
        var config = Load("maild.smtp.message-size-limit = 12345\nmaild.domains = [a.test, \"b.test\"]\nmaild.hostname = mx.a.test\n");

        var text = ConfigText.Show(config, ConfigLoader.Defaults, nonDefaultOnly: true);

        Assert.Equal("maild.domains = [a.test, b.test]\nmaild.hostname = mx.a.test\nmaild.smtp.message-size-limit = 12345\n", text);
    }

    [Fact]
    public void A_value_set_to_its_default_is_not_listed()
    {
        var config = Load("maild.smtp.message-size-limit = 10240000\n");

        Assert.Equal("", ConfigText.Show(config, ConfigLoader.Defaults, nonDefaultOnly: true));
    }

    [Fact]
    public void Show_lists_every_default_sorted()
    {
        var text = ConfigText.Show(ConfigLoader.Load(null, NoEnvironment), ConfigLoader.Defaults, nonDefaultOnly: false);

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Contains("maild.smtp.message-size-limit = 10240000", lines);
        Assert.Equal(lines.OrderBy(l => l.Split(" = ")[0], StringComparer.Ordinal), lines);
        Assert.True(lines.Length > 50, $"only {lines.Length} settings");
        Assert.All(lines, l => Assert.StartsWith("maild.", l));
    }

    [Fact]
    public void The_output_reads_back_as_the_same_configuration()
    {
        var config = Load("maild.hostname = \"mx with space\"\nmaild.domains = []\nakka.loglevel = DEBUG\n");
        var text = ConfigText.Show(config, ConfigLoader.Defaults, nonDefaultOnly: false);

        var reread = ConfigurationFactory.ParseString(text);

        Assert.Equal(ConfigText.Flatten(config), ConfigText.Flatten(reread));
        Assert.Contains("maild.hostname = \"mx with space\"\n", text);
        Assert.Contains("akka.loglevel = DEBUG\n", text);
    }
}
