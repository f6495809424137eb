namespace Mail.Integration.Tests.Cluster;

/// `maild cluster show` on every node of a freshly started topology.
public sealed class ClusterMembershipTests(LocalCluster cluster) : ClusterTestBase(cluster)
{
    [Fact]
    public async Task Every_node_sees_three_members_up_and_the_same_leader()
    {
        await ReadyAsync();
        var views = new List<ClusterShow>();
        for (var node = 1; node <= 3; node++)
        {
            var view = await Cluster.ShowAsync(node);
            Assert.Equal(LocalCluster.MemberAddress(node), view.Self);
            Assert.Equal(Enumerable.Range(1, 3).Select(LocalCluster.MemberAddress).Order(), view.Up.Order());
            Assert.All(view.Members, m => Assert.True(m.Reachable, $"{m.Address} unreachable from node {node}"));
            Assert.Empty(view.Unreachable);
            views.Add(view);
        }
        Assert.NotNull(views[0].Leader);
        Assert.All(views, v => Assert.Equal(views[0].Leader, v.Leader));
    }
}
