using Mail.Actors.Pop3;
using Mail.Host.Configuration;
using Xunit;

namespace Mail.Host.Tests.Configuration;

/// The layering defaults < --config file < environment, and the refusal of unknown keys.
public sealed class ConfigLoaderTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("maild-config-").FullName;
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    private string File(string text)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.conf");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Defaults_alone_give_a_working_configuration()
    {
        var settings = MaildSettings.From(ConfigLoader.Load(null, NoEnvironment));

        Assert.Equal(["0.0.0.0:25"], settings.SmtpListen.Select(a => a.ToString()));
        Assert.Equal(["0.0.0.0:110"], settings.Pop3Listen.Select(a => a.ToString()));
        Assert.Equal(10_240_000, settings.Smtp.MaxMessageSize);
        Assert.Equal(PlaintextAuth.Loopback, settings.Pop3.PlaintextAuth);
        Assert.Equal([settings.Hostname], settings.Domains);
        Assert.Equal(Path.GetFullPath("./data"), settings.DataDir);
    }

    [Fact]
    public void A_file_overlays_the_defaults_and_the_environment_overlays_the_file()
    {
        var path = File("""
            maild {
              hostname = "mx.example.org"
              smtp.listen = ["127.0.0.1:2525"]
              smtp.message-size-limit = 1000
              pop3.listen = ["127.0.0.1:2110"]
            }
            """);
        var env = new Dictionary<string, string?> { ["MAILD_POP3_LISTEN"] = "127.0.0.2:110, [::1]:110", ["MAILD_DOMAINS"] = "a.test,b.test" };

        var settings = MaildSettings.From(ConfigLoader.Load(path, env));

        Assert.Equal("mx.example.org", settings.Hostname);
        Assert.Equal(1000, settings.Smtp.MaxMessageSize);
        Assert.Equal(["127.0.0.1:2525"], settings.SmtpListen.Select(a => a.ToString()));
        Assert.Equal(["127.0.0.2:110", "[::1]:110"], settings.Pop3Listen.Select(a => a.ToString()));
        Assert.Equal(["a.test", "b.test"], settings.Domains);
    }

    [Fact]
    public void Small_bodies_go_to_the_database_on_a_single_sqlite_node_unless_the_limit_is_zero()
    {
        var defaults = MaildSettings.From(ConfigLoader.Load(null, NoEnvironment));
        Assert.Equal(128 * 1024, defaults.BlobDatabaseLimit);
        Assert.True(defaults.SmallBodiesInDatabase);

        var off = MaildSettings.From(ConfigLoader.Load(null, new Dictionary<string, string?> { ["MAILD_BLOB_DATABASE_LIMIT"] = "0" }));
        Assert.False(off.SmallBodiesInDatabase);

        var shared = MaildSettings.From(ConfigLoader.Load(File("""maild.database { provider = postgresql, connection-string = "Host=127.0.0.1" }"""), NoEnvironment));
        Assert.False(shared.SmallBodiesInDatabase);

        Assert.Throws<ConfigException>(() =>
            MaildSettings.From(ConfigLoader.Load(File("maild.blob-database-limit = 1g"), NoEnvironment)));
    }

    [Fact]
    public void An_empty_listen_list_from_the_environment_disables_the_service()
    {
        var settings = MaildSettings.From(ConfigLoader.Load(null, new Dictionary<string, string?> { ["MAILD_POP3_LISTEN"] = "" }));

        Assert.Empty(settings.Pop3Listen);
    }

    [Fact]
    public void An_unknown_key_is_refused_with_a_suggestion()
    {
        var path = File("maild {\n  smtp {\n    lisen = [\"127.0.0.1:25\"]\n  }\n}\n");

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));

        Assert.Equal($"config file {path}: unknown setting 'maild.smtp.lisen' (did you mean 'maild.smtp.listen'?)", e.Message);
    }

    [Fact]
    public void A_key_outside_maild_and_akka_is_refused()
    {
        var path = File("smtpd_banner = \"hello\"\n");

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));

        Assert.Contains("unknown setting 'smtpd_banner'", e.Message);
    }

    [Fact]
    public void Akka_tuning_passes_through()
    {
        var path = File("akka.loglevel = DEBUG\n");

        Assert.Equal("DEBUG", ConfigLoader.Load(path, NoEnvironment).GetString("akka.loglevel"));
    }

    // Akka's HOCON parser hangs on the first and accepts the second; both must be errors.
    [Theory]
    [InlineData("maild {\n  smtp {\n    listen = [ \"a\" \n  }\n}\n", "line 4: '}' does not match the '[' opened at line 3")]
    [InlineData("maild {\n  smtp {\n    timeout = 3s\n", "line 2: '{' is never closed")]
    [InlineData("maild {\n  hostname = \"mx\n}\n", "line 2: string is not terminated")]
    [InlineData("maild.hostname = x }\n", "line 1: '}' closes nothing")]
    public void A_syntax_error_names_the_file_and_line(string text, string expected)
    {
        var path = File(text);

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));

        Assert.Equal($"config file {path}: syntax error at {expected}", e.Message);
    }

    [Fact]
    public void Brackets_and_comment_markers_inside_strings_and_comments_are_not_structure()
    {
        var path = File("# a comment with { and [\nmaild {\n  hostname = \"a{b[#c//\" // trailing }\n  smtp.listen = [\"127.0.0.1:25\"]\n}\n");

        Assert.Equal("a{b[#c//", ConfigLoader.Load(path, NoEnvironment).GetString("maild.hostname"));
    }

    [Fact]
    public void An_include_is_resolved_next_to_the_including_file_and_checked_like_it()
    {
        System.IO.File.WriteAllText(Path.Combine(_folder, "limits.conf"), "maild.smtp.recipient-limit = 50\n");
        var path = File("include \"limits.conf\"\nmaild.hostname = \"mx.example.org\"\n");

        var settings = MaildSettings.From(ConfigLoader.Load(path, NoEnvironment));

        Assert.Equal(50, settings.Smtp.MaxRecipients);
        Assert.Equal("mx.example.org", settings.Hostname);
    }

    [Fact]
    public void A_missing_include_names_the_missing_file()
    {
        var path = File("include \"nope.conf\"\n");

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));

        Assert.Equal($"config file {path}: include \"nope.conf\": {Path.Combine(_folder, "nope.conf")} does not exist", e.Message);
    }

    [Fact]
    public void A_missing_file_is_one_clear_line()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Path.Combine(_folder, "nope.conf"), NoEnvironment));

        Assert.StartsWith("cannot read config file", e.Message);
    }

    [Theory]
    [InlineData("maild.smtp.listen = [\"127.0.0.1\"]", "maild.smtp.listen: '127.0.0.1' is not address:port")]
    [InlineData("maild.smtp.listen = [\"127.0.0.1:99999\"]", "has no valid port")]
    [InlineData("maild.smtp.listen = [\"mail.example:25\"]", "is not an IP address")]
    [InlineData("maild.smtp.timeout = soon", "maild.smtp.timeout: 'soon' is not a duration")]
    [InlineData("maild.smtp.message-size-limit = -5", "maild.smtp.message-size-limit: must be greater than 0")]
    [InlineData("maild.pop3.plaintext-auth = sometimes", "is not never, loopback or always")]
    [InlineData("maild.mynetworks = [\"10.0.0.0/33\"]", "invalid prefix length")]
    [InlineData("maild.database.provider = oracle", "is not sqlite, postgresql or mysql")]
    public void A_bad_value_names_the_setting(string line, string expected)
    {
        var path = File(line + "\n");

        var e = Assert.Throws<ConfigException>(() => MaildSettings.From(ConfigLoader.Load(path, NoEnvironment)));

        Assert.Contains(expected, e.Message);
    }
}
