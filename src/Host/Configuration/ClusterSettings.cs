using Akka.Configuration;

namespace Mail.Host.Configuration;

/// <summary>
/// `maild.cluster`: how this node finds the others. With no seed nodes the node is a cluster
/// of one that joins itself (the default); with seed nodes it joins them, and every node must
/// share the same server database (`maild.database`) and mail folder (`maild.mail-dir`).
/// </summary>
public sealed record ClusterSettings(
    string Hostname,
    int Port,
    string PublicHostname,
    IReadOnlyList<string> SeedNodes,
    IReadOnlyList<string> Roles,
    TimeSpan StableAfter)
{
    /// The actor system's name: part of every node address (akka.tcp://maild@host:port).
    public const string SystemName = "maild";

    public bool IsMultiNode => SeedNodes.Count > 0;

    /// This node's name among the others: the host others reach it by, and its remoting port.
    public string NodeName => $"{(PublicHostname.Length > 0 ? PublicHostname : Hostname)}-{Port}";

    public static ClusterSettings From(Config maild)
    {
        var port = (int)maild.GetLong("cluster.port");
        if (port is < 0 or > 65535)
            throw new ConfigException($"maild.cluster.port: {port} is not a port");
        var seeds = maild.GetStringList("cluster.seed-nodes").Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
        foreach (var seed in seeds)
            if (!seed.StartsWith($"akka.tcp://{SystemName}@", StringComparison.Ordinal) || !Uri.TryCreate(seed, UriKind.Absolute, out var uri) || uri.Port <= 0)
                throw new ConfigException($"maild.cluster.seed-nodes: '{seed}' is not akka.tcp://{SystemName}@HOST:PORT");
        if (seeds.Length > 0 && port == 0)
            throw new ConfigException("maild.cluster.port: a node of a cluster needs a fixed port (the others reach it there); 0 is only for a single node");
        var roles = maild.GetStringList("cluster.roles").Select(r => r.Trim()).Where(r => r.Length > 0).ToArray();
        if (!roles.Contains("mail"))
            roles = [.. roles, "mail"];
        return new ClusterSettings(
            maild.GetString("cluster.hostname"),
            port,
            maild.GetString("cluster.public-hostname")?.Trim() ?? "",
            seeds,
            roles,
            ConfigValues.Duration(maild, "cluster.stable-after"));
    }
}
