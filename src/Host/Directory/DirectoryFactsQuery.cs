using System.Text.Json;
using Mail.Actors.Directory;
using Microsoft.Data.Sqlite;

namespace Mail.Host.Directory;

/// <summary>
/// One level of alias expansion in one statement: which of the domains are ours (and of which
/// an alias), which addresses are users, and the aliases of the addresses and of the domains'
/// catch-alls. The lists are bound as JSON arrays (json_each), so the statement text is fixed
/// and every lookup still goes through a primary key or index.
/// </summary>
internal static class DirectoryFactsQuery
{
    private const string Statement = """
        SELECT 0, name, alias_of FROM domains WHERE name IN (SELECT value FROM json_each($domains))
        UNION ALL SELECT 1, address, NULL FROM users WHERE address IN (SELECT value FROM json_each($addresses))
        UNION ALL SELECT 2, source, destination FROM aliases WHERE source IN (SELECT value FROM json_each($sources));
        """;

    public static DirectoryFacts Fetch(SqliteConnection c, IReadOnlyCollection<string> addresses, IReadOnlyCollection<string> domains)
    {
        var sources = addresses.Concat(domains.Select(d => "@" + d));
        var rows = Sql.Query(c, Statement,
            r => (Kind: r.GetInt32(0), Key: r.GetString(1).ToLowerInvariant(), Value: r.IsDBNull(2) ? null : r.GetString(2).ToLowerInvariant()),
            ("$domains", JsonSerializer.Serialize(domains)),
            ("$addresses", JsonSerializer.Serialize(addresses)),
            ("$sources", JsonSerializer.Serialize(sources.ToArray())));

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
