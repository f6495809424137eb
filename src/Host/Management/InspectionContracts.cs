using Mail.Actors.Metrics;

namespace Mail.Host.Management;

// The management endpoint's inspection answers (`maild cluster|actors|shards|sessions|mailbox|stats`),
// serialized as they are in camelCase; `--json` prints them unchanged for scripts.

/// One cluster member: "akka.tcp://maild@127.0.0.1:4053", "Up", ["mail"].
public sealed record MemberView(string Address, string Status, IReadOnlyList<string> Roles, bool Reachable);

/// <summary>
/// `maild cluster show`: every member as this node sees it; <paramref name="Leader"/> is null
/// while the cluster has none (before the first join converges).
/// </summary>
public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<MemberView> Members, IReadOnlyList<string> Unreachable);

/// One membership event of `maild cluster tail`: "MemberUp", "UnreachableMember", ...
public sealed record ClusterEventView(DateTimeOffset At, string Event, string Address, string Status);

/// `maild cluster leave|down|down-unreachable`: the addresses the command was given to.
public sealed record ClusterCommandDone(string Command, IReadOnlyList<string> Addresses);

/// One actor of the live hierarchy; <paramref name="Type"/> is its class, when it is local.
public sealed record ActorView(string Path, int Depth, string? Type, int Children);

/// <summary>
/// `maild actors`: depth-first from the asked path. <paramref name="Truncated"/> is true when
/// the walk stopped at the count limit (a node with thousands of sessions).
/// </summary>
public sealed record ActorTree(IReadOnlyList<ActorView> Actors, bool Truncated);

/// One shard and how many entities it has awake.
public sealed record ShardView(string Id, int Entities);

/// One region on one node.
public sealed record RegionView(string Region, string Node, IReadOnlyList<ShardView> Shards)
{
    public int Entities => Shards.Sum(s => s.Entities);
}

/// `maild shards`: every region on every node that answered within the timeout.
public sealed record ShardsView(IReadOnlyList<RegionView> Regions);

/// `maild sessions`: the live connections of this node.
public sealed record SessionsView(DateTimeOffset At, IReadOnlyList<SessionInfo> Sessions);

/// One folder of `maild mailbox show`.
public sealed record FolderView(string Name, string? SpecialUse, int Messages, int Unseen, long Size);

/// <summary>
/// `maild mailbox show USER`: the folders, the quota (<paramref name="StorageLimit"/> null: none),
/// and where the mailbox entity lives (the node hosting its shard).
/// </summary>
public sealed record MailboxView(string User, string Shard, string? Node, IReadOnlyList<FolderView> Folders, long StorageUsed, long? StorageLimit)
{
    public int Messages => Folders.Sum(f => f.Messages);
}

/// One counter of `maild stats`, in events per second since start and over the last minute.
public sealed record CounterView(string Name, long Total, double PerSecondSinceStart, double PerSecondLastMinute);

/// `maild stats`.
public sealed record StatsView(DateTimeOffset Since, DateTimeOffset At, IReadOnlyList<CounterView> Counters);
