using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Cluster;

/// <summary>
/// The three-node topology of docker/local-cluster.sh (PostgreSQL, nodes on 127.0.1.1-3,
/// HAProxy on free 127.0.0.1 ports), started once for the Cluster collection with the maild
/// the harness uses, and stopped on dispose whatever happened. Needs root, PostgreSQL 15 and
/// HAProxy; without them <see cref="Unavailable"/> says why and the tests skip.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    public const int Users = 50;
    public const string Password = "secret";
    public const string Domain = "example.test";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(240);

    private readonly Dictionary<string, string> _environment = [];

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "maild-cluster-" + Guid.NewGuid().ToString("N")[..8]);

    public int FrontSmtpPort { get; } = FreePort.Next();

    public int FrontImapPort { get; } = FreePort.Next();

    /// Why the topology cannot run here (null when it runs).
    public string? Unavailable { get; private set; }

    public static string User(int k) => $"user{k}@{Domain}";

    public static string NodeAddress(int node) => $"127.0.1.{node}";

    /// What a node calls itself in `maild cluster show`.
    public static string MemberAddress(int node) => $"akka.tcp://maild@127.0.1.{node}:4053";

    public async ValueTask InitializeAsync()
    {
        Unavailable = Prerequisites();
        if (Unavailable is not null)
            return;
        Directory.CreateDirectory(Root);
        _environment["CLUSTER_DIR"] = Root;
        _environment["MAILD"] = $"dotnet {MaildBinary.DllPath}";
        _environment["STABLE_AFTER"] = "5s";
        _environment["FRONT_SMTP"] = FrontSmtpPort.ToString();
        _environment["FRONT_IMAP"] = FrontImapPort.ToString();
        foreach (var name in new[] { "FRONT_SUBMISSION", "FRONT_SMTPS", "FRONT_POP3", "FRONT_POP3S", "FRONT_IMAPS", "FRONT_STATS" })
            _environment[name] = FreePort.Next().ToString();
        try
        {
            await ScriptAsync("start");
            await ScriptAsync("users", Users.ToString());
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// Stops everything; the folder goes too (a failed test has written the logs to its output).
    public async ValueTask DisposeAsync()
    {
        if (Unavailable is not null)
            return;
        await StopAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TestContext.Current.SendDiagnosticMessage($"cannot delete {Root}: {e.Message}");
        }
    }

    /// `maild ARGS` against node N (its management endpoint and token).
    public Task<CliResult> CliAsync(int node, params string[] args) => ScriptAsync(["cli", node.ToString(), .. args], check: false);

    /// `maild cluster show --json` of node N.
    public async Task<ClusterShow> ShowAsync(int node)
    {
        var result = await CliAsync(node, "cluster", "show", "--json");
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"cluster show on node {node}: {result}");
        return ClusterShow.Parse(result.Stdout);
    }

    public Task KillAsync(int node) => ScriptAsync("kill", node.ToString());

    /// SIGTERM: the node drains, hands off its shards and leaves; returns once it exited.
    public Task TerminateAsync(int node) => ScriptAsync("term", node.ToString());

    /// Starts node N again and waits until all three nodes see three members Up.
    public Task RestartAsync(int node) => ScriptAsync("restart", node.ToString());

    /// Brings back any node an earlier test stopped, so every test starts from three Up.
    public async Task EnsureThreeUpAsync()
    {
        for (var node = 1; node <= 3; node++)
        {
            if (!File.Exists(Path.Combine(Root, $"node{node}.pid")))
                await RestartAsync(node);
        }
    }

    /// Polls node N's view until <paramref name="until"/> holds; the last view otherwise fails the test.
    public async Task<ClusterShow> WaitForViewAsync(int node, Func<ClusterShow, bool> until, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        ClusterShow? last = null;
        while (watch.Elapsed < timeout)
        {
            last = await ShowAsync(node);
            if (until(last))
                return last;
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"node {node}: {what} not seen within {timeout}; last view: {last}");
    }

    /// The end of every node's log, for a failed test's output.
    public string LogTails(int bytes = 20_000)
    {
        var text = new StringBuilder();
        for (var node = 1; node <= 3; node++)
        {
            var path = Path.Combine(Root, $"node{node}.log");
            if (!File.Exists(path))
                continue;
            var all = File.ReadAllText(path);
            text.Append($"===== node {node} ({path}) =====\n").Append(all.Length > bytes ? all[^bytes..] : all).Append('\n');
        }
        return text.ToString();
    }

    private async Task StopAsync()
    {
        var result = await ScriptAsync(["stop"], check: false);
        if (result.ExitCode != 0)
            TestContext.Current.SendDiagnosticMessage($"local-cluster.sh stop: {result}");
    }

    private Task ScriptAsync(params string[] args) => ScriptAsync(args, check: true);

    private async Task<CliResult> ScriptAsync(string[] args, bool check)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Script);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MAILD_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        foreach (var (key, value) in _environment)
            psi.Environment[key] = value;
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"local-cluster.sh {string.Join(' ', args)} did not finish within {ScriptTimeout}\n{await stderr}\n{LogTails()}");
        }
        var result = new CliResult(process.ExitCode, await stdout, await stderr);
        if (check && result.ExitCode != 0)
            throw new InvalidOperationException($"local-cluster.sh {string.Join(' ', args)} failed: {result}\n{LogTails()}");
        return result;
    }

    private static string? Prerequisites()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            return "the cluster topology needs Linux and root (PostgreSQL runs as the postgres user)";
        if (!File.Exists("/usr/lib/postgresql/15/bin/initdb"))
            return "PostgreSQL 15 is not installed (postgresql-15)";
        if (!new[] { "/usr/sbin/haproxy", "/usr/bin/haproxy" }.Any(File.Exists))
            return "HAProxy is not installed";
        return null;
    }

    private static string Script { get; } = LocateScript();

    private static string LocateScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docker", "local-cluster.sh");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"docker/local-cluster.sh is not above {AppContext.BaseDirectory}");
    }
}

/// `maild cluster show --json`, as the tests read it.
public sealed record ClusterShow(string Self, string? Leader, IReadOnlyList<(string Address, string Status, bool Reachable)> Members, IReadOnlyList<string> Unreachable, string Json)
{
    public IEnumerable<string> Up => Members.Where(m => m.Status == "Up").Select(m => m.Address);

    public static ClusterShow Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return new ClusterShow(
            root.GetProperty("self").GetString()!,
            root.GetProperty("leader").GetString(),
            [.. root.GetProperty("members").EnumerateArray().Select(m =>
                (m.GetProperty("address").GetString()!, m.GetProperty("status").GetString()!, m.GetProperty("reachable").GetBoolean()))],
            [.. root.GetProperty("unreachable").EnumerateArray().Select(u => u.GetString()!)],
            json);
    }

    public override string ToString() => Json;
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "Cluster";
}
