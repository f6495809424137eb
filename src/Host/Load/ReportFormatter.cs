using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mail.Host.Load;

/// The closing summary of `maild source`: a few lines for people, or one JSON object for machines.
public static class ReportFormatter
{
    public static string Text(LoadReport report)
    {
        var unit = report.Mode == LoadMode.Smtp ? "messages" : "visits";
        var latencyOf = report.Mode == LoadMode.Smtp ? "MAIL to 250" : "login to logout";
        var replies = report.Replies.Count == 0 ? "none" : string.Join(", ", Ordered(report.Replies).Select(r => $"{r.Key} x{r.Value}"));
        var text = new StringBuilder()
            .Append(Invariant($"{report.Operations} {unit} in {report.Seconds:0.000} s: {report.PerSecond:0.0} {unit}/s, {report.Sessions} sessions, {report.Succeeded} ok\n"))
            .Append(Invariant($"latency ({latencyOf}): p50 {report.Latency.P50:0.00} ms, p95 {report.Latency.P95:0.00} ms, p99 {report.Latency.P99:0.00} ms, max {report.Latency.Max:0.00} ms\n"))
            .Append(Invariant($"replies: {replies}; connection errors: {report.ConnectionErrors}\n"));
        if (report.FirstConnectionError is { } error)
            text.Append($"first connection error: {error}\n");
        if (report.Mode != LoadMode.Smtp)
            text.Append(Invariant($"fetched: {report.FetchedMessages} messages, {report.FetchedBytes} bytes ({report.FetchedMessages / Math.Max(report.Seconds, 1e-9):0.0} messages/s)\n"));
        return text.ToString();
    }

    /// <summary>
    /// One object on one line: mode ("smtp", "pop3", "imap"), sessions, operations (messages or
    /// visits), succeeded, failed, seconds, per_second, latency_ms {count, p50, p95, p99, max},
    /// replies {reply: count}, connection_errors, fetched_messages, fetched_bytes, and
    /// first_connection_error when there was one.
    /// </summary>
    public static string Json(LoadReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("mode", report.Mode.ToString().ToLowerInvariant());
            json.WriteNumber("sessions", report.Sessions);
            json.WriteNumber("operations", report.Operations);
            json.WriteNumber("succeeded", report.Succeeded);
            json.WriteNumber("failed", report.Operations - report.Succeeded);
            json.WriteNumber("seconds", Math.Round(report.Seconds, 6));
            json.WriteNumber("per_second", Math.Round(report.PerSecond, 3));
            json.WriteStartObject("latency_ms");
            json.WriteNumber("count", report.Latency.Count);
            json.WriteNumber("p50", Math.Round(report.Latency.P50, 3));
            json.WriteNumber("p95", Math.Round(report.Latency.P95, 3));
            json.WriteNumber("p99", Math.Round(report.Latency.P99, 3));
            json.WriteNumber("max", Math.Round(report.Latency.Max, 3));
            json.WriteEndObject();
            json.WriteStartObject("replies");
            foreach (var (reply, count) in Ordered(report.Replies))
                json.WriteNumber(reply, count);
            json.WriteEndObject();
            json.WriteNumber("connection_errors", report.ConnectionErrors);
            json.WriteNumber("fetched_messages", report.FetchedMessages);
            json.WriteNumber("fetched_bytes", report.FetchedBytes);
            if (report.FirstConnectionError is { } error)
                json.WriteString("first_connection_error", error);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static IEnumerable<KeyValuePair<string, long>> Ordered(IReadOnlyDictionary<string, long> replies) =>
        replies.OrderBy(r => r.Key, StringComparer.Ordinal);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
