using System.Data.Common;
using Mail.Host.Configuration;
using Mail.Host.Directory;
using Mail.Tests.Databases;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;

namespace Mail.Host.Tests.Directory;

/// <summary>
/// A fresh, empty directory database for one test: a SQLite file in a temp folder, or a new
/// database (with its own owner and password) on the collection's PostgreSQL or MariaDB
/// server. The directory tests are written once against this and run on all three.
/// </summary>
public abstract class TestDirectoryDatabase : IDisposable
{
    public static TestDirectoryDatabase Sqlite() => new SqliteFile();

    public static TestDirectoryDatabase Postgres(PostgresServer server) => new Server(
        new DatabaseSettings(DatabaseProvider.PostgreSql, server.CreateDatabase("dir")),
        cs => new NpgsqlConnection(cs), c => NpgsqlConnection.ClearPool((NpgsqlConnection)c));

    public static TestDirectoryDatabase MariaDb(MariaDbServer server) => new Server(
        new DatabaseSettings(DatabaseProvider.MySql, server.CreateDatabase("dir")),
        cs => new MySqlConnection(cs), c => MySqlConnection.ClearPool((MySqlConnection)c));

    /// <summary>A new store on the database, as a second process (CLI, server) would open it.</summary>
    public abstract DirectoryStore Store();

    /// <summary>A raw connection, for looking at rows or writing ones the CLI refuses.</summary>
    public abstract DbConnection OpenRaw();

    /// <summary>Runs <paramref name="sql"/> (with @name parameters) on a raw connection.</summary>
    public object? Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var c = OpenRaw();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command.ExecuteScalar();
    }

    public abstract void Dispose();

    private sealed class SqliteFile : TestDirectoryDatabase
    {
        private readonly TempDirectoryFile _file = new();

        public override DirectoryStore Store() => DirectoryStore.Sqlite(_file.Path);

        public override DbConnection OpenRaw()
        {
            var c = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
            c.Open();
            return c;
        }

        public override void Dispose() => _file.Dispose();
    }

    private sealed class Server(DatabaseSettings settings, Func<string, DbConnection> connect, Action<DbConnection> clearPool)
        : TestDirectoryDatabase
    {
        public override DirectoryStore Store() => DirectoryStore.For(settings, "/nonexistent/directory.db");

        public override DbConnection OpenRaw()
        {
            var c = connect(settings.ConnectionString);
            c.Open();
            return c;
        }

        // The database goes with the server at the end of the collection; its idle pooled
        // connections go now, or a few hundred tests would exhaust max_connections.
        public override void Dispose()
        {
            using var c = connect(settings.ConnectionString);
            clearPool(c);
        }
    }
}
