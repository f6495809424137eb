using System.Text.RegularExpressions;
using Mail.Host.Management;
using Xunit;

namespace Mail.Host.Tests.Management;

/// The text exposition format 0.0.4: every line a comment or a sample, names and labels escaped.
public sealed partial class PrometheusTextTests
{
    [GeneratedRegex("""^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$""")]
    private static partial Regex Sample();

    private static readonly Gauge Sessions = new("sessions", "Open connections", [
        new GaugeSample(new Dictionary<string, string> { ["service"] = "smtp" }, 3),
        new GaugeSample(new Dictionary<string, string> { ["service"] = "weird \"name\"\\\n" }, 0.5),
    ]);

    [Fact]
    public void Counters_are_named_total_and_typed_counter()
    {
        var text = PrometheusText.Write([("accepted", "Messages accepted", 42)], []);

        Assert.Equal("# HELP maild_accepted_total Messages accepted\n# TYPE maild_accepted_total counter\nmaild_accepted_total 42\n", text);
    }

    [Fact]
    public void Gauges_carry_their_labels_escaped()
    {
        var text = PrometheusText.Write([], [Sessions]);

        Assert.Contains("# TYPE maild_sessions gauge\n", text);
        Assert.Contains("maild_sessions{service=\"smtp\"} 3\n", text);
        Assert.Contains("maild_sessions{service=\"weird \\\"name\\\"\\\\\\n\"} 0.5\n", text);
    }

    [Fact]
    public void Every_line_is_a_comment_or_a_valid_sample()
    {
        var text = PrometheusText.Write([("accepted", "a\\b\nc", 1), ("rejected-rcpt", "x", 0)], [Sessions, new Gauge("queue_messages", "q", [new GaugeSample(new Dictionary<string, string>(), 7)])]);

        Assert.EndsWith("\n", text);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
            Assert.True(line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal) || Sample().IsMatch(line), line);
        Assert.Contains("maild_rejected_rcpt_total 0\n", text); // '-' is no name character
        Assert.Contains("# HELP maild_accepted_total a\\\\b\\nc\n", text);
    }

    [Fact]
    public void Numbers_keep_their_fraction_and_special_values()
    {
        var text = PrometheusText.Write([], [new Gauge("g", "h", [
            new GaugeSample(new Dictionary<string, string> { ["v"] = "a" }, 1.25),
            new GaugeSample(new Dictionary<string, string> { ["v"] = "b" }, double.NaN),
            new GaugeSample(new Dictionary<string, string> { ["v"] = "c" }, double.PositiveInfinity),
        ])]);

        Assert.Contains("maild_g{v=\"a\"} 1.25\n", text);
        Assert.Contains("maild_g{v=\"b\"} NaN\n", text);
        Assert.Contains("maild_g{v=\"c\"} +Inf\n", text);
    }
}
