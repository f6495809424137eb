using System.Net;
using Mail.Host.Configuration;

namespace Mail.Host.Access;

/// <summary>
/// The rules in memory, matched the way Postfix's access(5) lookups go: the most specific
/// pattern wins (the longest network prefix; the full address before its domain, a subdomain
/// before its parent, the domain before "user@").
/// </summary>
public sealed class AccessRuleSet
{
    private readonly List<(Cidr Network, AccessRule Rule)> _clients = [];
    private readonly Dictionary<(AccessKind, string), AccessRule> _exact = [];

    public AccessRuleSet(IEnumerable<AccessRule> rules)
    {
        foreach (var rule in rules)
        {
            if (rule.Kind == AccessKind.Client)
                _clients.Add((Cidr.Parse(rule.Pattern, "access rule"), rule));
            else
                _exact[(rule.Kind, rule.Pattern.ToLowerInvariant())] = rule;
        }
        _clients.Sort((a, b) => b.Network.PrefixLength.CompareTo(a.Network.PrefixLength));
    }

    public static AccessRuleSet Empty { get; } = new([]);

    public bool IsEmpty => _clients.Count == 0 && _exact.Count == 0;

    public AccessRule? MatchClient(IPAddress client)
    {
        foreach (var (network, rule) in _clients)
        {
            if (network.Contains(client))
                return rule;
        }
        return null;
    }

    public AccessRule? MatchHelo(string helo) => MatchDomain(AccessKind.Helo, helo.TrimEnd('.').ToLowerInvariant());

    /// <param name="address">"local@domain", or "" for the null sender.</param>
    public AccessRule? MatchAddress(AccessKind kind, string address)
    {
        if (address.Length == 0)
            return _exact.GetValueOrDefault((kind, "<>"));
        var lower = address.ToLowerInvariant();
        if (_exact.TryGetValue((kind, lower), out var exact))
            return exact;
        var at = lower.LastIndexOf('@');
        if (at < 0)
            return null;
        return MatchDomain(kind, lower[(at + 1)..]) ?? _exact.GetValueOrDefault((kind, lower[..(at + 1)]));
    }

    /// The domain itself, then each parent ("a.b.example" → "b.example" → "example").
    private AccessRule? MatchDomain(AccessKind kind, string domain)
    {
        for (var name = domain; name.Length > 0;)
        {
            if (_exact.TryGetValue((kind, name), out var rule))
                return rule;
            var dot = name.IndexOf('.');
            if (dot < 0)
                break;
            name = name[(dot + 1)..];
        }
        return null;
    }

    /// <summary>The pattern in its stored form, or an error message for the admin.</summary>
    public static bool TryNormalizePattern(AccessKind kind, string pattern, out string normalized, out string error)
    {
        normalized = pattern.Trim();
        error = "";
        switch (kind)
        {
            case AccessKind.Client:
                try
                {
                    normalized = Cidr.Parse(normalized, "client").ToString();
                    return true;
                }
                catch (ConfigException)
                {
                    error = $"'{pattern}' is not an IP address or a network like 192.0.2.0/24";
                    return false;
                }
            case AccessKind.Helo:
                normalized = normalized.TrimEnd('.').ToLowerInvariant();
                return Valid(normalized.Length > 0 && !normalized.Contains('@') && !normalized.Contains(' '), pattern, "a host or domain name", out error);
            default:
                normalized = normalized.ToLowerInvariant();
                if (normalized == "<>")
                    return true;
                var at = normalized.LastIndexOf('@');
                var ok = normalized.Length > 0 && !normalized.Contains(' ') && normalized.IndexOf('@') == at
                    && (at < 0 || at > 0);
                return Valid(ok, pattern, "user@domain, domain, user@ or <>", out error);
        }
    }

    private static bool Valid(bool ok, string pattern, string expected, out string error)
    {
        error = ok ? "" : $"'{pattern}' is not {expected}";
        return ok;
    }
}
