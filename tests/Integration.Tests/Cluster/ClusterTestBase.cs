namespace Mail.Integration.Tests.Cluster;

/// <summary>
/// Base of the Cluster collection's test classes: fails where the topology cannot run, has every
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

    /// First call of every test: three members Up. A machine that cannot run the topology fails
    /// with what it lacks (.ci/run installs it), rather than skipping: a skip would hide the cluster.
    protected async Task ReadyAsync()
    {
        if (Cluster.Unavailable is { } missing)
            Assert.Fail($"{missing}; install it (see .ci/run) and run the tests as root");
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
