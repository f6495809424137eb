using Npgsql;
using Xunit;

namespace Mail.Tests.Databases;

/// <summary>
/// A real PostgreSQL 15 server for the tests of one collection: initdb into a scratch folder
/// (as the postgres OS user when the tests run as root), started on a free loopback port with
/// fsync off, password (SCRAM) authentication on TCP, stopped and deleted on dispose. Each
/// test class asks for its own database and owner with <see cref="CreateDatabase"/>.
/// </summary>
/// <remarks>Use it as an xunit collection fixture: [Collection(PostgresServer.Collection)].</remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Collection = "PostgreSQL server";
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private const string OsUser = "postgres";
    private const string SuperPassword = "super-secret-pg";
    private string _folder = "";
    private int _databases;

    public int Port { get; private set; }

    /// <summary>Connection string of the superuser, for set-up and inspection.</summary>
    public string AdminConnectionString => ConnectionString("postgres", "postgres", SuperPassword);

    public ValueTask InitializeAsync()
    {
        DatabaseProcess.Require($"{Bin}/initdb", "postgresql");
        _folder = DatabaseProcess.ScratchFolder("maild-pg", OsUser);
        var data = Path.Combine(_folder, "data");
        var passwordFile = Path.Combine(_folder, "pw");
        File.WriteAllText(passwordFile, SuperPassword);
        if (DatabaseProcess.IsRoot) DatabaseProcess.Run("chown", [$"{OsUser}:{OsUser}", passwordFile]);
        DatabaseProcess.Run($"{Bin}/initdb", ["-D", data, "-U", "postgres", "--pwfile", passwordFile,
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], OsUser);
        Port = DatabaseProcess.FreePort();
        DatabaseProcess.Run($"{Bin}/pg_ctl", ["start", "-w", "-D", data, "-l", Path.Combine(_folder, "log"),
            "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"], OsUser);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A new database owned by a new login role with a password; returns its connection string
    /// (TCP to 127.0.0.1, pooled). Names are unique per call.
    /// </summary>
    public string CreateDatabase(string prefix = "maild")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 14, 60)].ToLowerInvariant();
        var password = $"pw-{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            admin.Open();
            Execute(admin, $"CREATE ROLE {name} LOGIN PASSWORD '{password}';");
            Execute(admin, $"CREATE DATABASE {name} OWNER {name};");
        }
        return ConnectionString(name, name, password);
    }

    public string ConnectionString(string database, string user, string password) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username={user};Password={password};Timeout=5";

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_folder.Length > 0 && Directory.Exists(Path.Combine(_folder, "data")))
        {
            try
            {
                DatabaseProcess.Run($"{Bin}/pg_ctl", ["stop", "-w", "-m", "immediate", "-D", Path.Combine(_folder, "data")], OsUser);
            }
            finally
            {
                DatabaseProcess.DeleteFolder(_folder);
            }
        }
        return ValueTask.CompletedTask;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

[CollectionDefinition(PostgresServer.Collection)]
public sealed class PostgresServerCollection : ICollectionFixture<PostgresServer>;
