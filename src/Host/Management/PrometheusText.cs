using System.Globalization;
using System.Text;

namespace Mail.Host.Management;

/// One gauge sample: its labels (name => value) and value.
public sealed record GaugeSample(IReadOnlyDictionary<string, string> Labels, double Value);

/// A gauge family: "maild_sessions" by protocol, "maild_queue_messages".
public sealed record Gauge(string Name, string Help, IReadOnlyList<GaugeSample> Samples);

/// <summary>
/// Prometheus text exposition format 0.0.4, written by hand: a dozen lines of "# HELP",
/// "# TYPE" and "name{label="value"} number" need no library (prometheus-net would bring its
/// own registry to keep in sync with <see cref="Mail.Actors.Metrics.MailMetrics"/>).
/// Counters are named maild_&lt;name&gt;_total, as the format's conventions ask.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IReadOnlyList<(string Name, string Help, long Value)> counters, IReadOnlyList<Gauge> gauges)
    {
        var text = new StringBuilder();
        foreach (var (name, help, value) in counters)
        {
            var metric = $"maild_{Sanitize(name)}_total";
            text.Append(CultureInfo.InvariantCulture, $"# HELP {metric} {Escape(help, false)}\n# TYPE {metric} counter\n{metric} {value}\n");
        }
        foreach (var gauge in gauges)
        {
            var metric = $"maild_{Sanitize(gauge.Name)}";
            text.Append(CultureInfo.InvariantCulture, $"# HELP {metric} {Escape(gauge.Help, false)}\n# TYPE {metric} gauge\n");
            foreach (var sample in gauge.Samples)
                text.Append(metric).Append(Labels(sample.Labels)).Append(' ').Append(Number(sample.Value)).Append('\n');
        }
        return text.ToString();
    }

    private static string Labels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "" : "{" + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{Sanitize(l.Key)}=\"{Escape(l.Value, true)}\"")) + "}";

    private static string Number(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    /// Metric and label names: [a-zA-Z_][a-zA-Z0-9_]*.
    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        var s = new string(chars);
        return s.Length == 0 || char.IsAsciiDigit(s[0]) ? "_" + s : s;
    }

    /// HELP text escapes backslash and newline; label values also the double quote.
    private static string Escape(string s, bool quote)
    {
        s = s.Replace("\\", "\\\\").Replace("\n", "\\n");
        return quote ? s.Replace("\"", "\\\"") : s;
    }
}
