using System.Net;
using System.Net.Sockets;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Cli;

/// <summary>
/// `maild serve` that cannot start: exit 78 (EX_CONFIG) and exactly one line on stderr that
/// names the problem, never a stack trace.
/// </summary>
public sealed class StartupErrorTests : MaildTestBase
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "maild-it-" + Guid.NewGuid().ToString("N")[..12]);

    public StartupErrorTests() => Directory.CreateDirectory(_root);

    private Dictionary<string, string> Environment(int? smtpPort = null, string? dataDir = null) => new()
    {
        ["MAILD_DATA_DIR"] = dataDir ?? Path.Combine(_root, "data"),
        ["MAILD_SMTP_LISTEN"] = $"127.0.0.1:{smtpPort ?? FreePort.Next()}",
        ["MAILD_POP3_LISTEN"] = $"127.0.0.1:{FreePort.Next()}",
        ["MAILD_POP3S_LISTEN"] = "",
        ["MAILD_IMAP_LISTEN"] = "",
        ["MAILD_IMAPS_LISTEN"] = "",
        ["MAILD_HOSTNAME"] = MaildOptions.Hostname,
        ["MAILD_DOMAINS"] = MaildOptions.Domain,
    };

    private async Task<string> ServeMustFailAsync(Dictionary<string, string> environment, string? configText = null)
    {
        var args = new List<string> { "serve" };
        if (configText is not null)
        {
            var path = Path.Combine(_root, "maild.conf");
            await File.WriteAllTextAsync(path, configText, Ct);
            args.AddRange(["--config", path]);
        }

        var result = await MaildBinary.RunAsync(environment, _root, TimeSpan.FromSeconds(60), [.. args]);

        Assert.True(result.ExitCode == 78, $"expected exit 78, got {result}");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("maild: ", line);
        Assert.DoesNotContain("Exception", result.Stderr + result.Stdout);
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout);
        return line;
    }

    [Fact]
    public async Task Unknown_setting_in_config_file_is_exit_78_with_a_did_you_mean_hint()
    {
        var line = await ServeMustFailAsync(Environment(), "maild.smtp.mesage-size-limit = 5000\n");

        Assert.Contains("unknown setting 'maild.smtp.mesage-size-limit'", line);
        Assert.Contains("(did you mean 'maild.smtp.message-size-limit'?)", line);
    }

    [Fact]
    public async Task Unbalanced_brace_in_config_file_is_exit_78_syntax_error()
    {
        var line = await ServeMustFailAsync(Environment(), "maild {\n  smtp {\n    timeout = 30s\n  }\n");

        Assert.Contains("syntax error", line);
    }

    [Fact]
    public async Task Config_file_the_HOCON_parser_rejects_is_exit_78_syntax_error()
    {
        var line = await ServeMustFailAsync(Environment(), "maild.smtp.timeout = ${no-such-setting}\n");

        Assert.Contains("syntax error", line);
    }

    [Fact]
    public async Task Include_of_a_missing_file_is_exit_78_naming_that_file()
    {
        var line = await ServeMustFailAsync(Environment(), "include \"no-such-file.conf\"\n");

        Assert.Contains("no-such-file.conf", line);
        Assert.DoesNotContain("Object reference", line);
    }

    [Fact]
    public async Task Invalid_configured_domain_is_exit_78_naming_it()
    {
        var environment = Environment();
        environment["MAILD_DOMAINS"] = "bad_domain!";

        var line = await ServeMustFailAsync(environment);

        Assert.Contains("'bad_domain!' is not a valid domain", line);
    }

    [Fact]
    public async Task SMTP_port_already_in_use_is_exit_78_address_already_in_use()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen();
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;

        var line = await ServeMustFailAsync(Environment(smtpPort: port));

        Assert.Contains($"cannot listen on 127.0.0.1:{port} (smtp): address already in use", line);
    }

    [Fact]
    public async Task Two_services_on_one_port_is_exit_78_instead_of_sharing_it()
    {
        // .NET's ReuseAddress sets SO_REUSEPORT on Linux, which let both listeners bind and split
        // the connections between SMTP and POP3 without a word.
        var environment = Environment();
        environment["MAILD_POP3_LISTEN"] = environment["MAILD_SMTP_LISTEN"];

        var line = await ServeMustFailAsync(environment);

        Assert.Contains($"cannot listen on {environment["MAILD_SMTP_LISTEN"]} (pop3): address already in use", line);
    }

    [Fact]
    public async Task Data_folder_that_is_a_regular_file_is_exit_78_naming_the_data_folder()
    {
        var file = Path.Combine(_root, "not-a-folder");
        await File.WriteAllTextAsync(file, "x", Ct);

        var line = await ServeMustFailAsync(Environment(dataDir: file));

        Assert.Contains($"data folder {file} is not usable", line);
    }

    // xunit calls only DisposeAsync on a class that has both, so the clean-up lives here.
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
