using Akka.Configuration;
using Akka.Configuration.Hocon;
using Mail.Host.Configuration;

namespace Mail.Host.Cli;

/// <summary>
/// `maild config show`: the effective settings, one "key = value" line each, sorted, like
/// Postfix's `postconf`; with nonDefaultOnly, only those that differ from hocon/mail.conf
/// (`postconf -n`). The lines are valid HOCON, so they can be pasted into a --config file.
/// </summary>
public static class ConfigText
{
    /// Printed without its password: `config show` output ends up in tickets and chat.
    private const string ConnectionStringKey = "maild.database.connection-string";

    public static string Show(Config effective, Config defaults, bool nonDefaultOnly)
    {
        var defaultValues = Flatten(defaults);
        var lines = Flatten(effective)
            .Where(kv => !nonDefaultOnly || !defaultValues.TryGetValue(kv.Key, out var d) || d != kv.Value)
            .Select(kv => $"{kv.Key} = {kv.Value}\n");
        return string.Concat(lines);
    }

    /// Every leaf of the `maild` block and of any `akka` tuning, rendered as HOCON values.
    public static SortedDictionary<string, string> Flatten(Config config)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in ConfigLoader.LeafKeys(config.Root, ""))
        {
            if (!key.StartsWith("maild.", StringComparison.Ordinal) && !key.StartsWith("akka.", StringComparison.Ordinal))
                continue;
            values[key] = key == ConnectionStringKey
                ? Quote(DatabaseSettings.Redact(config.GetString(key) ?? ""))
                : Render(config.GetValue(key));
        }
        return values;
    }

    private static string Render(HoconValue value)
    {
        if (value.IsArray())
            return "[" + string.Join(", ", value.GetArray().Select(Render)) + "]";
        if (value.IsObject())
            return "{}"; // an empty block (a non-empty one has leaves of its own)
        return Quote(value.GetString() ?? "");
    }

    /// Bare when HOCON reads it back unchanged, quoted otherwise ("" and anything with spaces or separators).
    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/' or '@')
            ? s
            : "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
