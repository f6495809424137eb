using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace Mail.Host.Configuration;

/// <summary>
/// Builds the effective configuration: the built-in defaults (hocon/mail.conf, embedded),
/// overlaid by the admin's file (--config), overlaid by environment variables.
/// The admin's file may only set keys that exist in the defaults (plus raw `akka.*` tuning),
/// so a typo is an error with a suggestion instead of a setting silently ignored.
/// </summary>
public static class ConfigLoader
{
    /// Environment variable => setting; lists are comma separated.
    public static readonly IReadOnlyDictionary<string, (string Path, bool IsList)> EnvironmentOverrides =
        new Dictionary<string, (string, bool)>
        {
            ["MAILD_HOSTNAME"] = ("maild.hostname", false),
            ["MAILD_DOMAINS"] = ("maild.domains", true),
            ["MAILD_DATA_DIR"] = ("maild.data-dir", false),
            ["MAILD_MYNETWORKS"] = ("maild.mynetworks", true),
            ["MAILD_SMTP_LISTEN"] = ("maild.smtp.listen", true),
            ["MAILD_SUBMISSION_LISTEN"] = ("maild.smtp.submission-listen", true),
            ["MAILD_SMTPS_LISTEN"] = ("maild.smtp.smtps-listen", true),
            ["MAILD_POP3_LISTEN"] = ("maild.pop3.listen", true),
            ["MAILD_IMAP_LISTEN"] = ("maild.imap.listen", true),
            ["MAILD_IMAPS_LISTEN"] = ("maild.imap.imaps-listen", true),
            ["MAILD_POP3S_LISTEN"] = ("maild.pop3.pop3s-listen", true),
            ["MAILD_MANAGEMENT_LISTEN"] = ("maild.management.listen", false),
            ["MAILD_CLUSTER_HOSTNAME"] = ("maild.cluster.hostname", false),
            ["MAILD_CLUSTER_PORT"] = ("maild.cluster.port", false),
            ["MAILD_CLUSTER_PUBLIC_HOSTNAME"] = ("maild.cluster.public-hostname", false),
            ["MAILD_CLUSTER_SEED_NODES"] = ("maild.cluster.seed-nodes", true),
            ["MAILD_DATABASE_PROVIDER"] = ("maild.database.provider", false),
            ["MAILD_DATABASE_CONNECTION_STRING"] = ("maild.database.connection-string", false),
            ["MAILD_MAIL_DIR"] = ("maild.mail-dir", false),
            ["MAILD_FSYNC_FOLDERS"] = ("maild.fsync-folders", false),
            ["MAILD_BLOB_DATABASE_LIMIT"] = ("maild.blob-database-limit", false),
        };

    public static Config Defaults { get; } = ConfigurationFactory.ParseString(ReadDefaults());

    public static Config Load(string? configFile, IDictionary<string, string?>? environment = null)
    {
        var config = Defaults;
        if (configFile is not null)
            config = ParseFile(configFile).WithFallback(config);
        return FromEnvironment(environment ?? ReadEnvironment()).WithFallback(config);
    }

    private static Config ParseFile(string path)
    {
        var text = ReadChecked(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Config parsed;
        try
        {
            parsed = ConfigurationFactory.ParseString(text, name => IncludeFrom(folder, name, path));
        }
        catch (ConfigException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new ConfigException($"config file {path}: syntax error{Where(e.Message, text)}: {FirstLine(e.Message)}");
        }
        foreach (var key in LeafKeys(parsed.Root, ""))
        {
            if (key.StartsWith("akka.", StringComparison.Ordinal) || Defaults.HasPath(key))
                continue;
            var hint = Suggest(key);
            throw new ConfigException($"config file {path}: unknown setting '{key}'" + (hint is null ? "" : $" (did you mean '{hint}'?)"));
        }
        return parsed;
    }

    /// Reads a file and runs the structural check on it (Akka's parser cannot be trusted with bad input).
    private static string ReadChecked(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot read config file {path}: {e.Message}");
        }
        if (HoconLint.Check(text) is { } structural)
            throw new ConfigException($"config file {path}: syntax error at {structural}");
        return text;
    }

    /// <summary>
    /// `include "other.conf"` is resolved next to the including file, and checked like it; a
    /// missing file is an error (Akka's parser would fail on it with a NullReferenceException).
    /// </summary>
    private static HoconRoot IncludeFrom(string folder, string name, string includer)
    {
        var included = Path.Combine(folder, name);
        if (!File.Exists(included))
            throw new ConfigException($"config file {includer}: include \"{name}\": {included} does not exist");
        var text = ReadChecked(included);
        var innerFolder = Path.GetDirectoryName(included)!;
        return Parser.Parse(text, inner => IncludeFrom(innerFolder, inner, included));
    }

    private static Config FromEnvironment(IDictionary<string, string?> env)
    {
        var lines = new List<string>();
        foreach (var (name, (path, isList)) in EnvironmentOverrides)
        {
            if (!env.TryGetValue(name, out var value) || value is null)
                continue;
            var rendered = isList
                ? "[" + string.Join(", ", value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Quote)) + "]"
                : Quote(value);
            lines.Add($"{path} = {rendered}");
        }
        return lines.Count == 0 ? Config.Empty : ConfigurationFactory.ParseString(string.Join("\n", lines));
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static IDictionary<string, string?> ReadEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value);

    /// Every leaf setting in a parsed file, as a dotted path.
    internal static IEnumerable<string> LeafKeys(HoconValue value, string prefix)
    {
        if (!value.IsObject())
        {
            yield return prefix;
            yield break;
        }
        foreach (var (key, child) in value.GetObject().Items)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            foreach (var leaf in LeafKeys(child, path))
                yield return leaf;
        }
    }

    private static string? Suggest(string key)
    {
        var known = LeafKeys(Defaults.Root, "").ToArray();
        var best = known.MinBy(k => Levenshtein(k, key));
        return best is not null && Levenshtein(best, key) <= 3 ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        var d = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            d[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = d[0];
            d[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = d[j];
                d[j] = Math.Min(Math.Min(d[j] + 1, d[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return d[b.Length];
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim().TrimEnd(':');

    /// The HOCON parser reports a character offset; admins want a line number.
    private static string Where(string message, string text)
    {
        var m = System.Text.RegularExpressions.Regex.Match(message, @"position (\d+)");
        if (!m.Success || !int.TryParse(m.Groups[1].Value, out var offset))
            return "";
        offset = Math.Min(offset, text.Length);
        var line = 1 + text.AsSpan(0, offset).Count('\n');
        return $" at line {line}";
    }

    private static string ReadDefaults()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream("mail.conf")
            ?? throw new InvalidOperationException("mail.conf is not embedded in maild");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
