using Mail.Actors.Directory;
using System.Data.Common;

namespace Mail.Host.Directory;

/// <summary>
/// One level of alias expansion in one statement: which of the domains are ours (and of which
/// an alias), which addresses are users, and the aliases of the addresses and of the domains'
/// catch-alls. The lists are bound one parameter per value (IN (@d0, @d1, ...)), which every
/// provider understands, and every lookup still goes through a primary key or index.
/// </summary>
internal static class DirectoryFactsQuery
{
    public static DirectoryFacts Fetch(DbConnection c, IReadOnlyCollection<string> addresses, IReadOnlyCollection<string> domains)
    {
        var parameters = new List<(string Name, object? Value)>();
        var statement = $"""
            SELECT 0, name, alias_of FROM domains WHERE name {Sql.InList("d", domains, parameters)}
            UNION ALL SELECT 1, address, NULL FROM users WHERE address {Sql.InList("a", addresses, parameters)}
            UNION ALL SELECT 2, source, destination FROM aliases WHERE source {Sql.InList("s", addresses.Concat(domains.Select(d => "@" + d)), parameters)};
            """;
        var rows = Sql.Query(c, statement,
            r => (Kind: Sql.Integer(r, 0), Key: r.GetString(1).ToLowerInvariant(), Value: r.IsDBNull(2) ? null : r.GetString(2).ToLowerInvariant()),
            [.. parameters]);

        var ours = new Dictionary<string, string?>();
        var users = new HashSet<string>();
        var aliases = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (kind, key, value) in rows)
        {
            switch (kind)
            {
                case 0:
                    ours[key] = value;
                    break;
                case 1:
                    users.Add(key);
                    break;
                default:
                    if (!aliases.TryGetValue(key, out var list))
                        aliases[key] = list = new List<string>();
                    ((List<string>)list).Add(value!);
                    break;
            }
        }
        return new DirectoryFacts(ours, users, aliases);
    }
}
