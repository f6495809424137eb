namespace Mail.Integration.Tests.Cluster;

/// <summary>
/// Base of the Cluster collection's test classes: skips where the topology cannot run, has every
/// test start from three members Up (an earlier test may have stopped one), and writes the
/// nodes' logs to the output of a test that failed.
/// </summary>
[Collection(ClusterCollection.Name)]
public abstract class ClusterTestBase(LocalCluster cluster) : IAsyncLifetime
{
    protected LocalCluster Cluster { get; } = cluster;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// First call of every test: skip where there is no topology, else three members Up.
    protected async Task ReadyAsync()
    {
        Assert.SkipWhen(Cluster.Unavailable is not null, Cluster.Unavailable ?? "");
        await Cluster.EnsureThreeUpAsync();
    }

    public ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
            Log(Cluster.LogTails());
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// A tag no other test run shares, for Message-IDs.
    protected static string RunTag(string what) => $"{what}-{Guid.NewGuid().ToString("N")[..8]}";
}
