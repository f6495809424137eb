using System.Text.Json;
using System.Text.RegularExpressions;
using Mail.Integration.Tests.Harness;
using Xunit;

namespace Mail.Integration.Tests.Cli;

/// `maild stats`, GET /metrics and `maild config show` against a running maild.
public sealed partial class MetricsCliTests(InspectionMaild shared) : MaildTestBase, IClassFixture<InspectionMaild>
{
    private MaildServer Server => shared.Server;

    public override ValueTask InitializeAsync()
    {
        Watch(Server);
        return base.InitializeAsync();
    }

    [GeneratedRegex("""^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$""")]
    private static partial Regex Sample();

    private async Task<Dictionary<string, long>> CountersAsync()
    {
        var result = await Server.RunCliAsync("stats", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement.GetProperty("counters").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Stats_count_a_delivered_message_and_a_rejected_rcpt()
    {
        var before = await CountersAsync();

        await using (var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort))
        {
            await smtp.ExpectAsync("MAIL FROM:<s@remote.test>", 250);
            await smtp.ExpectAsync($"RCPT TO:<nobody@{MaildOptions.Domain}>", 550);
        }
        var user = UniqueAddress("stats");
        await Server.AddUserAsync(user, "pw");
        await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("s@remote.test", user, "counted", "hi"));
        var after = await CountersAsync();
        var text = (await Server.RunCliAsync("stats")).Stdout;

        Assert.Equal(1, after["accepted"] - before["accepted"]);
        Assert.Equal(1, after["delivered"] - before["delivered"]);
        Assert.Equal(1, after["rejected"] - before["rejected"]);
        Assert.Equal(before["bounced"], after["bounced"]);
        Assert.Matches(@"accepted\s*\S\s*\d+\s*\S\s*[0-9.]+\s*\S\s*[0-9.]+", Assert.Single(text.Split('\n'), l => l.Contains("accepted")));
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_without_a_token()
    {
        await using var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort);
        using var http = new HttpClient();

        using var response = await http.GetAsync($"http://127.0.0.1:{Server.ManagementPort}/metrics", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.IsSuccessStatusCode, text);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
            Assert.True(line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal) || Sample().IsMatch(line), line);
        Assert.Contains("# TYPE maild_accepted_total counter\n", text);
        Assert.Matches(@"\nmaild_sessions\{service=""smtp""\} [1-9]\d*\n", text);
        Assert.Matches(@"\nmaild_queue_messages \d+\n", text);
        Assert.Matches(@"\nmaild_mailbox_entities \d+\n", text);
    }

    [Fact]
    public async Task Other_routes_still_need_the_token()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync($"http://127.0.0.1:{Server.ManagementPort}/sessions", Ct);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Config_show_non_default_shows_the_value_set_in_the_config_file()
    {
        var nonDefault = await Server.RunCliAsync("config", "show", "--non-default");
        var all = await Server.RunCliAsync("config", "show");

        Assert.Equal(0, nonDefault.ExitCode);
        var lines = nonDefault.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(InspectionMaild.ConfiguredSetting, lines);
        Assert.Contains($"maild.hostname = {MaildOptions.Hostname}", lines); // from the environment
        Assert.DoesNotContain(lines, l => l.StartsWith("maild.smtp.timeout ", StringComparison.Ordinal));
        Assert.Equal(0, all.ExitCode);
        Assert.Contains(InspectionMaild.ConfiguredSetting, all.Stdout);
        Assert.Contains(all.Stdout.Split('\n'), l => l.StartsWith("maild.smtp.timeout = ", StringComparison.Ordinal));
        Assert.True(all.Stdout.Split('\n').Length > lines.Length + 20);
    }
}
