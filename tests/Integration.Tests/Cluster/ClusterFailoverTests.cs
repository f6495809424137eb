using System.Diagnostics;
using System.Text.Json;

namespace Mail.Integration.Tests.Cluster;

/// <summary>
/// A node that crashes (kill -9) or leaves (SIGTERM) in the middle of a load: no message that
/// got 250 is lost or doubled, the others carry on, and the node comes back.
/// </summary>
public sealed class ClusterFailoverTests(LocalCluster cluster) : ClusterTestBase(cluster)
{
    private static readonly TimeSpan MembershipTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Kill_9_of_the_busiest_node_mid_load_loses_no_accepted_message_and_it_rejoins()
    {
        await ReadyAsync();
        // Wake every mailbox, so that shards are spread and the victim really holds some.
        await ClusterMail.SendAsync("127.0.0.1", Cluster.FrontSmtpPort, ClusterMail.Batch(RunTag("warm"), LocalCluster.Users), ct: Ct);
        var before = await TryShardsPerNodeAsync(1) ?? throw new InvalidOperationException("maild shards: no answer with three nodes Up");
        Log("shards per node: " + string.Join(", ", before.Select(s => $"{s.Key} {s.Value}")));
        var victim = Enumerable.Range(1, 3).MaxBy(n => before.GetValueOrDefault(LocalCluster.MemberAddress(n)));
        var survivor = victim == 1 ? 2 : 1;
        Log($"victim: node {victim}");
        for (var node = 1; node <= 3; node++)
            Assert.Equal(3, (await Cluster.ShowAsync(node)).Up.Count());

        var run = ClusterMail.Batch(RunTag("kill"), 1000);
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = ClusterMail.SendAsync("127.0.0.1", Cluster.FrontSmtpPort, run,
            accepted: n => { if (n >= run.Count / 3) third.TrySetResult(); }, ct: Ct);
        await third.Task.WaitAsync(TimeSpan.FromSeconds(120), Ct);
        await Cluster.KillAsync(victim);
        var sinceKill = Stopwatch.StartNew();
        // Watched while the load goes on, so the times are the cluster's, not the load's.
        var gone = LocalCluster.MemberAddress(victim);
        async Task<(ClusterShow View, TimeSpan At)> Removed()
        {
            var view = await Cluster.WaitForViewAsync(survivor, v => v.Up.Count() == 2 && v.Members.All(m => m.Address != gone) && v.Unreachable.Count == 0,
                MembershipTimeout, $"{gone} downed and removed");
            return (view, sinceKill.Elapsed);
        }
        var removed = Removed();
        var rehomed = WaitForShardsToMoveAsync(survivor, gone, before.Values.Sum(), sinceKill);
        var outcome = await load;
        Log($"load: {outcome.Accepted.Count} got 250, {outcome.Failed} failed, {outcome.Elapsed.TotalSeconds:F1}s; load ended {sinceKill.Elapsed.TotalSeconds:F1}s after the kill");

        var after = await removed;
        Log($"kill -9 -> {gone} removed from the membership: {after.At.TotalSeconds:F1}s");
        Log($"kill -9 -> no shard on {gone} any more: {(await rehomed).TotalSeconds:F1}s");
        Assert.DoesNotContain(gone, after.View.Up);
        Assert.Equal(2, after.View.Members.Count);

        var found = await ClusterMail.VerifyAsync(Cluster.FrontImapPort, run, outcome.Accepted, Ct);
        Log($"in the mailboxes: {found} of {run.Count} ({outcome.Accepted.Count} got 250; {run.Count - found} absent)");
        Assert.True(outcome.Accepted.Count >= run.Count / 3);

        await Cluster.RestartAsync(victim);
        var rejoined = await Cluster.ShowAsync(victim);
        Assert.Equal(3, rejoined.Up.Count());
        Assert.Empty(rejoined.Unreachable);
    }

    [Fact]
    public async Task Sigterm_makes_a_node_leave_gracefully_and_loses_no_accepted_message()
    {
        await ReadyAsync();
        const int leaver = 3;
        var run = ClusterMail.Batch(RunTag("term"), 400);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = ClusterMail.SendAsync("127.0.0.1", Cluster.FrontSmtpPort, run,
            accepted: n => { if (n >= 100) started.TrySetResult(); }, ct: Ct);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(120), Ct);
        var watch = Stopwatch.StartNew();
        await Cluster.TerminateAsync(leaver);
        Log($"SIGTERM -> node {leaver} exited: {watch.Elapsed.TotalSeconds:F1}s");
        var outcome = await load;
        Log($"load: {outcome.Accepted.Count} got 250, {outcome.Failed} failed");

        var view = await Cluster.WaitForViewAsync(1, v => v.Members.Count == 2, MembershipTimeout, "two members");
        Assert.Empty(view.Unreachable);
        Assert.All(view.Members, m => Assert.True(m.Reachable && m.Status == "Up", $"{m.Address} {m.Status}"));
        Assert.DoesNotContain(view.Members, m => m.Address == LocalCluster.MemberAddress(leaver));

        await ClusterMail.VerifyAsync(Cluster.FrontImapPort, run, outcome.Accepted, Ct);
        await Cluster.RestartAsync(leaver);
    }

    /// <summary>
    /// Mailbox shards per node, as `maild shards --json` on <paramref name="node"/> tells; null
    /// while a region does not answer (exit 75: a node that is unreachable and not downed yet).
    /// </summary>
    private async Task<Dictionary<string, int>?> TryShardsPerNodeAsync(int node)
    {
        var result = await Cluster.CliAsync(node, "shards", "--json");
        if (result.ExitCode == 75)
            return null;
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement.GetProperty("regions").EnumerateArray()
            .Where(r => r.GetProperty("region").GetString() == "mailbox")
            .GroupBy(r => r.GetProperty("node").GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.GetProperty("shards").GetArrayLength()));
    }

    /// <summary>
    /// Waits until no region of <paramref name="gone"/> is listed and the others hold as many
    /// shards as all three did (the load touches every mailbox, so every shard is started
    /// again); returns when that was, after the kill.
    /// </summary>
    private async Task<TimeSpan> WaitForShardsToMoveAsync(int survivor, string gone, int total, Stopwatch sinceKill)
    {
        while (sinceKill.Elapsed < MembershipTimeout)
        {
            var shards = await TryShardsPerNodeAsync(survivor);
            if (shards is not null && !shards.ContainsKey(gone) && shards.Values.Sum() >= total)
            {
                Log("shards per node now: " + string.Join(", ", shards.Select(s => $"{s.Key} {s.Value}")));
                return sinceKill.Elapsed;
            }
            await Task.Delay(500, Ct);
        }
        throw new TimeoutException($"the shards of {gone} did not move within {MembershipTimeout} after the kill");
    }
}
