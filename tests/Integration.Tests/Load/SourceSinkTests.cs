using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Load;

/// `maild source` against <see cref="FlakySink"/>: refusals are counted by code, the exit
/// status says whether every message got 250, and the count matches what the sink received.
public sealed class SourceSinkTests
{
    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task Every_other_MAIL_refused_with_451_is_counted_as_4xx(bool pipelining, bool keepConnection)
    {
        await using var sink = new FlakySink(pipelining);
        string[] args = ["-s", "2", "-m", "20", "-l", "300", "-f", "s@remote.test", "-t", "r@sink.test", $"127.0.0.1:{sink.Port}"];
        var (result, json) = await SourceCli.RunJsonAsync(keepConnection ? ["-d", .. args] : args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal((20L, 10L, 10L), (json.GetProperty("operations").GetInt64(), json.Reply("250"), json.Reply("451")));
        Assert.Equal(10, json.GetProperty("failed").GetInt64());
        Assert.Equal(0, json.GetProperty("connection_errors").GetInt64());
        Assert.Equal(10, json.GetProperty("latency_ms").GetProperty("count").GetInt32());
        Assert.Equal(10, sink.Accepted);
        // Without -d every message has its own connection (smtp-source's default); with it, one per session.
        Assert.Equal(keepConnection ? 2 : 20, sink.Connections);
    }

    [Fact]
    public async Task The_text_summary_and_the_dash_c_counter_show_the_same_counts()
    {
        await using var sink = new FlakySink(pipelining: true);
        var result = await SourceCli.RunAsync("-c", "-d", "-m", "10", $"127.0.0.1:{sink.Port}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("10/10 done, 5 failed", result.Stdout);
        Assert.Contains("10 messages in", result.Stdout);
        Assert.Contains("replies: 250 x5, 451 x5; connection errors: 0", result.Stdout);
    }

    [Fact]
    public async Task A_refused_greeting_counts_every_message_with_its_code()
    {
        await using var sink = new FlakySink(pipelining: true, greeting: "554 5.3.2 sink.test closed for maintenance");
        var (result, json) = await SourceCli.RunJsonAsync("-s", "3", "-m", "6", $"127.0.0.1:{sink.Port}");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal((6L, 0L), (json.Reply("554"), json.GetProperty("succeeded").GetInt64()));
    }

    [Fact]
    public async Task No_server_is_a_connection_error_per_message()
    {
        var port = FreePort.Next();
        var (result, json) = await SourceCli.RunJsonAsync("-m", "3", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, json.GetProperty("connection_errors").GetInt64());
        Assert.Contains("refused", json.GetProperty("first_connection_error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sigterm_ends_the_load_early_and_still_prints_the_summary()
    {
        await using var sink = new FlakySink(pipelining: true);
        var start = MaildBinary.StartInfo(new Dictionary<string, string>(), ["source", "-d", "-s", "2", "-m", "100000000", "--json", $"127.0.0.1:{sink.Port}"], Path.GetTempPath());
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        while (sink.Accepted < 50 && !process.HasExited)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(deadline.Token);

        Assert.Equal(1, process.ExitCode);
        var json = System.Text.Json.JsonDocument.Parse(await stdout).RootElement;
        var operations = json.GetProperty("operations").GetInt64();
        Assert.InRange(operations, 50, 100_000_000 - 1); // stopped early: at least the 50 waited for, far fewer than asked
        Assert.Equal(operations, json.Reply("250") + json.Reply("451"));
        Assert.InRange(json.Reply("250") - sink.Accepted, -2, 0);
    }

    [Fact]
    public async Task A_bad_command_line_says_why_and_exits_1()
    {
        var result = await SourceCli.RunAsync("--tls", "--implicit-tls");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("maild source: --tls and --implicit-tls exclude each other", result.Stderr);
    }
}
