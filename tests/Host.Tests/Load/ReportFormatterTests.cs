using System.Text.Json;
using Mail.Host.Load;
using Xunit;

namespace Mail.Host.Tests.Load;

public sealed class ReportFormatterTests
{
    private static readonly LoadReport Smtp = new()
    {
        Mode = LoadMode.Smtp,
        Sessions = 4,
        Operations = 200,
        Succeeded = 180,
        Seconds = 2,
        Latency = new LatencySummary(180, 1.5, 4.25, 9.125, 12),
        Replies = new Dictionary<string, long> { ["451"] = 15, ["250"] = 180 },
        ConnectionErrors = 5,
        FirstConnectionError = "SocketException: Connection refused",
    };

    [Fact]
    public void Json_is_one_line_with_every_documented_field()
    {
        var text = ReportFormatter.Json(Smtp);
        Assert.Single(text.TrimEnd('\n').Split('\n'));
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal("smtp", json.GetProperty("mode").GetString());
        Assert.Equal(4, json.GetProperty("sessions").GetInt32());
        Assert.Equal(200, json.GetProperty("operations").GetInt64());
        Assert.Equal(180, json.GetProperty("succeeded").GetInt64());
        Assert.Equal(20, json.GetProperty("failed").GetInt64());
        Assert.Equal(2.0, json.GetProperty("seconds").GetDouble());
        Assert.Equal(100.0, json.GetProperty("per_second").GetDouble());
        var latency = json.GetProperty("latency_ms");
        Assert.Equal((180, 1.5, 4.25, 9.125, 12.0), (latency.GetProperty("count").GetInt32(), latency.GetProperty("p50").GetDouble(),
            latency.GetProperty("p95").GetDouble(), latency.GetProperty("p99").GetDouble(), latency.GetProperty("max").GetDouble()));
        Assert.Equal(180, json.GetProperty("replies").GetProperty("250").GetInt64());
        Assert.Equal(15, json.GetProperty("replies").GetProperty("451").GetInt64());
        Assert.Equal(5, json.GetProperty("connection_errors").GetInt64());
        Assert.Equal(0, json.GetProperty("fetched_messages").GetInt64());
        Assert.Equal(0, json.GetProperty("fetched_bytes").GetInt64());
        Assert.Equal("SocketException: Connection refused", json.GetProperty("first_connection_error").GetString());
    }

    [Fact]
    public void Text_summary_names_rate_percentiles_and_replies()
    {
        var text = ReportFormatter.Text(Smtp);
        Assert.Contains("200 messages in 2.000 s: 100.0 messages/s, 4 sessions, 180 ok", text);
        Assert.Contains("p50 1.50 ms, p95 4.25 ms, p99 9.13 ms", text);
        Assert.Contains("replies: 250 x180, 451 x15; connection errors: 5", text);
        Assert.DoesNotContain("fetched", text);
        Assert.False(Smtp.AllSucceeded);
    }

    [Fact]
    public void Reader_modes_report_visits_and_fetches()
    {
        var pop3 = Smtp with { Mode = LoadMode.Pop3, Operations = 3, Succeeded = 3, Replies = new Dictionary<string, long> { ["+OK"] = 3 }, ConnectionErrors = 0, FirstConnectionError = null, FetchedMessages = 30, FetchedBytes = 30_000 };
        var text = ReportFormatter.Text(pop3);
        Assert.Contains("3 visits in 2.000 s", text);
        Assert.Contains("fetched: 30 messages, 30000 bytes (15.0 messages/s)", text);
        Assert.True(pop3.AllSucceeded);
        var json = JsonDocument.Parse(ReportFormatter.Json(pop3)).RootElement;
        Assert.Equal("pop3", json.GetProperty("mode").GetString());
        Assert.Equal(30_000, json.GetProperty("fetched_bytes").GetInt64());
        Assert.False(json.TryGetProperty("first_connection_error", out _));
    }
}
