namespace Mail.Integration.Tests.Harness;

/// <summary>
/// Base of every black-box test class: servers started with <see cref="StartServerAsync"/>
/// belong to the test and are killed after it; shared servers can be <see cref="Watch"/>ed.
/// When the test failed, the log of each of them is written to the test output.
/// </summary>
public abstract class MaildTestBase : IAsyncLifetime
{
    private readonly List<MaildServer> _owned = [];
    private readonly List<MaildServer> _watched = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected async Task<MaildServer> StartServerAsync(MaildOptions? options = null)
    {
        var server = await MaildServer.StartAsync(options);
        _owned.Add(server);
        return server;
    }

    protected void Watch(MaildServer server) => _watched.Add(server);

    /// A fresh address in the test domain, so that tests sharing a server never share a mailbox.
    protected static string UniqueAddress(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}@{MaildOptions.Domain}";

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed && TestContext.Current.TestOutputHelper is { } output)
        {
            foreach (var server in _owned.Concat(_watched))
                output.WriteLine($"===== maild log ({server.LogPath}) =====\n{server.Tail(60_000)}");
        }
        foreach (var server in _owned)
            await server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// One maild for a whole test class, where the tests do not interfere (each uses its own users).
public sealed class SharedMaild : IAsyncLifetime
{
    public MaildServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await MaildServer.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
