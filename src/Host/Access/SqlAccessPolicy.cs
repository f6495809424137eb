using System.Net;
using Mail.Actors.Smtp;

namespace Mail.Host.Access;

/// <summary>
/// The server's access checks over <see cref="AccessTable"/>: the rule set stays in memory and
/// is reloaded when the table's version moved, so `maild access add` takes effect at the next
/// RCPT of any session, at the cost of one one-row read per check (on SQLite, one PRAGMA).
/// </summary>
public sealed class SqlAccessPolicy(AccessTable table) : IAccessPolicy
{
    private readonly Lock _lock = new();
    private (long Version, AccessRuleSet Rules) _cache = (-1, AccessRuleSet.Empty);

    public ValueTask<AccessDecision> CheckAsync(IPAddress client, string? helo, string sender, string recipient, CancellationToken ct = default)
    {
        var rules = Current();
        if (rules.IsEmpty)
            return ValueTask.FromResult(AccessDecision.None);
        if (client.IsIPv4MappedToIPv6)
            client = client.MapToIPv4();
        var decision =
            Decide(rules.MatchClient(client), "Client host", $"unknown[{client}]")
            ?? (helo is null ? null : Decide(rules.MatchHelo(helo), "Helo command", helo))
            ?? Decide(rules.MatchAddress(AccessKind.Sender, sender), "Sender address", $"<{sender}>")
            ?? Decide(rules.MatchAddress(AccessKind.Recipient, recipient), "Recipient address", $"<{recipient}>");
        return ValueTask.FromResult(decision ?? AccessDecision.None);
    }

    private static AccessDecision? Decide(AccessRule? rule, string what, string subject) => rule is null
        ? null
        : new AccessDecision(rule.Action switch
        {
            AccessAction.Ok => AccessVerdict.Ok,
            AccessAction.Defer => AccessVerdict.Defer,
            _ => AccessVerdict.Reject,
        }, what, subject, rule.Message);

    private AccessRuleSet Current()
    {
        var version = table.Version();
        lock (_lock)
        {
            if (_cache.Version == version)
                return _cache.Rules;
        }
        var rules = new AccessRuleSet(table.List());
        lock (_lock)
            _cache = (version, rules);
        return rules;
    }
}
