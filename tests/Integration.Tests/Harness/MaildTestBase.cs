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

/// <summary>
/// One maild for a whole test class, where the tests do not interfere: tests that count
/// messages use their own users; <see cref="User"/> is there for dialogues that deliver nothing.
/// </summary>
public sealed class SharedMaild : IAsyncLifetime
{
    public const string User = "user@" + MaildOptions.Domain;

    public const string Password = "secret";

    public MaildServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await MaildServer.StartAsync();
        await Server.AddUserAsync(User, Password);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
