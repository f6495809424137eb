using Akka.Actor;
using Akka.Cluster.Sharding;
using Mail.Actors.Mailbox;

namespace Mail.Host.Management;

/// <summary>
/// `maild shards` and `maild mailbox show`: the regions' own statistics
/// (<see cref="GetClusterShardingStats"/> asks every node's region), so a cluster shows where each
/// shard lives; a node that does not answer within the timeout is left out, not waited for.
/// </summary>
public static class ShardInspector
{
    public static readonly IReadOnlyList<string> Regions = ["mailbox", "recipient-queue"];

    public static async Task<ShardsView> ShardsAsync(ActorSystem system, TimeSpan timeout)
    {
        // Both regions at once: in a cluster with a silent node each one waits the whole timeout.
        var all = await Task.WhenAll(Regions.Select(async name => (Name: name, Stats: await StatsAsync(system, name, timeout))));
        var views = new List<RegionView>();
        foreach (var (name, stats) in all)
        {
            foreach (var (node, region) in stats.Regions.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal))
            {
                var shards = region.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ShardView(s.Key, s.Value)).ToArray();
                views.Add(new RegionView(name, node.ToString(), shards));
            }
        }
        return new ShardsView(views);
    }

    /// <returns>null when <paramref name="user"/> has no mailbox in the directory.</returns>
    public static async Task<MailboxView?> MailboxAsync(InspectionTargets targets, string user, TimeSpan timeout)
    {
        var mailboxId = await targets.Directory.FindMailboxAsync(user.Trim());
        if (mailboxId is null)
            return null;
        // Asking wakes the mailbox (it passivates again when idle), as any login would.
        var folders = await targets.Mailboxes.Ask<FolderList>(new ListFolders(mailboxId), timeout);
        var status = await targets.Mailboxes.Ask<MailboxStatus>(new GetMailboxStatus(mailboxId), timeout);
        var shard = targets.MailboxExtractor.ShardId(mailboxId, new ListFolders(mailboxId));
        var stats = await StatsAsync(targets.System, "mailbox", timeout);
        var node = stats.Regions.FirstOrDefault(r => r.Value.Stats.ContainsKey(shard)).Key?.ToString();
        var views = folders.Folders.Where(f => !f.NoSelect)
            .Select(f => new FolderView(f.Name, f.SpecialUse, f.Messages, f.Unseen, f.Size)).ToArray();
        return new MailboxView(mailboxId, shard, node, views, status.StorageUsed, status.StorageLimit);
    }

    private static Task<ClusterShardingStats> StatsAsync(ActorSystem system, string region, TimeSpan timeout) =>
        ClusterSharding.Get(system).ShardRegion(region).Ask<ClusterShardingStats>(new GetClusterShardingStats(timeout), timeout + TimeSpan.FromSeconds(1));
}
