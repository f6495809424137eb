using System.Diagnostics;
using MySqlConnector;
using Xunit;

namespace Mail.Tests.Databases;

/// <summary>
/// A real MariaDB server for the tests of one collection: mariadb-install-db into a scratch
/// folder, mariadbd on a free loopback port (root may log in from 127.0.0.1 without a password,
/// for set-up only), killed and deleted on dispose. Each test class asks for its own database
/// and user with a password with <see cref="CreateDatabase"/>, so authentication is real.
/// </summary>
/// <remarks>Use it as an xunit collection fixture: [Collection(MariaDbServer.Collection)].</remarks>
public sealed class MariaDbServer : IAsyncLifetime
{
    public const string Collection = "MariaDB server";
    private const string Daemon = "/usr/sbin/mariadbd";
    private const string InstallDb = "/usr/bin/mariadb-install-db";
    private string _folder = "";
    private Process? _process;
    private int _databases;

    public int Port { get; private set; }

    /// <summary>Connection string of root (no password, from 127.0.0.1 only), for set-up and inspection.</summary>
    public string AdminConnectionString => $"Server=127.0.0.1;Port={Port};User ID=root;Password=;Pooling=false";

    public async ValueTask InitializeAsync()
    {
        DatabaseProcess.Require(Daemon, "mariadb-server");
        DatabaseProcess.Require(InstallDb, "mariadb-server");
        _folder = DatabaseProcess.ScratchFolder("maild-mdb", "root");
        var data = Path.Combine(_folder, "data");
        // As root, mariadbd must be told to stay root (it refuses otherwise); as anyone else it runs as that user.
        string[] asUser = DatabaseProcess.IsRoot ? ["--user=root"] : [];
        DatabaseProcess.Run(InstallDb, ["--no-defaults", $"--datadir={data}", .. asUser,
            "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"]);
        Port = DatabaseProcess.FreePort();
        var start = new ProcessStartInfo(Daemon)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
                 {
                     "--no-defaults", $"--datadir={data}", $"--socket={Path.Combine(_folder, "sock")}", $"--port={Port}",
                     "--bind-address=127.0.0.1", "--skip-name-resolve", "--skip-log-bin",
                     $"--log-error={Path.Combine(_folder, "error.log")}", $"--pid-file={Path.Combine(_folder, "pid")}",
                     // Test data: no durability needed, and commits stay fast on a busy machine.
                     "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--innodb-buffer-pool-size=64M",
                 }.Concat(asUser))
            start.ArgumentList.Add(a);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Daemon}");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var c = new MySqlConnection(AdminConnectionString);
                await c.OpenAsync();
                return;
            }
            catch (MySqlException) when (DateTime.UtcNow < deadline && !_process!.HasExited)
            {
                await Task.Delay(100);
            }
            catch (MySqlException e)
            {
                var log = File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";
                throw new InvalidOperationException($"mariadbd did not start on port {Port}: {e.Message}\n{log}", e);
            }
        }
    }

    /// <summary>
    /// A new database and a user (at 127.0.0.1, with a password) that has every privilege on
    /// it and nothing else; returns its connection string. Names are unique per call.
    /// </summary>
    public string CreateDatabase(string prefix = "maild")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 14, 60)].ToLowerInvariant();
        var password = $"pw-{Guid.NewGuid():N}";
        using (var admin = new MySqlConnection(AdminConnectionString))
        {
            admin.Open();
            using var command = admin.CreateCommand();
            command.CommandText = $"""
                CREATE DATABASE `{name}` CHARACTER SET utf8mb4;
                CREATE USER '{name}'@'127.0.0.1' IDENTIFIED BY '{password}';
                GRANT ALL PRIVILEGES ON `{name}`.* TO '{name}'@'127.0.0.1';
                """;
            command.ExecuteNonQuery();
        }
        return ConnectionString(name, name, password);
    }

    public string ConnectionString(string database, string user, string password) =>
        $"Server=127.0.0.1;Port={Port};Database={database};User ID={user};Password={password};Connection Timeout=5";

    public ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
            _process?.Dispose();
        }
        finally
        {
            if (_folder.Length > 0) DatabaseProcess.DeleteFolder(_folder);
        }
        return ValueTask.CompletedTask;
    }
}

[CollectionDefinition(MariaDbServer.Collection)]
public sealed class MariaDbServerCollection : ICollectionFixture<MariaDbServer>;
