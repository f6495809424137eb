using System.Text.RegularExpressions;
using Akka.Configuration;
using Mail.Host.Cli;
using Mail.Host.Configuration;
using Mail.Host.Directory;
using Xunit;

namespace Mail.Tests.Databases;

/// <summary>
/// What only a server database has: a login that can fail, a server that can be down, a
/// connection string with a password that must never reach a message, and several nodes
/// creating the schema at the same moment.
/// </summary>
public abstract class ServerDatabaseTests(DatabaseProvider provider, Func<string> createDatabase,
    Func<string, string, string, string> connectionString)
{
    private DirectoryStore Store(string connection) => DirectoryStore.For(new DatabaseSettings(provider, connection), "/nonexistent/directory.db");

    private static string DatabaseOf(string connection) =>
        connection.Split(';').Select(p => p.Split('=', 2)).Single(p => p[0] == "Database")[1];

    [Fact]
    public void A_wrong_password_is_a_storage_error_naming_the_database_but_not_the_password()
    {
        var database = DatabaseOf(createDatabase());
        const string wrong = "not-the-Secret-123";

        var e = Assert.Throws<DirectoryException>(() => Store(connectionString(database, database, wrong)).Admin());

        TestContext.Current.TestOutputHelper?.WriteLine(e.Message);
        Assert.Equal(DirectoryErrorKind.Storage, e.Kind);
        Assert.Contains(database, e.Message);
        Assert.Contains("127.0.0.1", e.Message);
        Assert.Contains("refused the login", e.Message);
        Assert.DoesNotContain(wrong, e.Message);
        Assert.DoesNotContain(wrong, e.InnerException?.Message ?? "");
    }

    [Fact]
    public void An_unreachable_server_is_a_storage_error_without_the_password()
    {
        const string secret = "Secret-Unreachable-456";
        var port = DatabaseProcess.FreePort(); // nobody listens there any more
        var connection = Regex.Replace(connectionString("maild", "maild", secret), @"Port=\d+", $"Port={port}");

        var e = Assert.Throws<DirectoryException>(() => Store(connection).Directory());

        TestContext.Current.TestOutputHelper?.WriteLine(e.Message);
        Assert.Equal(DirectoryErrorKind.Storage, e.Kind);
        Assert.StartsWith("cannot reach the ", e.Message);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.DoesNotContain(secret, e.Message);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_with_a_message()
    {
        var e = Assert.Throws<DirectoryException>(() => Store("Host=127.0.0.1;Frobnicate=yes;Password=Hidden-789"));
        TestContext.Current.TestOutputHelper?.WriteLine(e.Message);
        Assert.Equal(DirectoryErrorKind.Storage, e.Kind);
        Assert.Contains("maild.database.connection-string", e.Message);
        Assert.DoesNotContain("Hidden-789", e.Message);
    }

    [Fact]
    public async Task Nodes_starting_together_create_the_schema_once()
    {
        var connection = createDatabase();
        var ct = TestContext.Current.CancellationToken;

        // As several nodes (and a CLI) opening an empty database at the same moment.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
        {
            var store = Store(connection);
            if (i % 2 == 0) store.Admin().EnsureDomain("example.test");
            else store.AccessTable();
        }, ct)));

        var admin = Store(connection).Admin();
        Assert.Equal(["example.test"], admin.ListDomains().Select(d => d.Name));
        Assert.Empty(Store(connection).AccessTable().List());
        Assert.Equal(0, Store(connection).AccessTable().Version());
    }

    [Fact]
    public void Config_show_prints_the_connection_string_without_its_password()
    {
        var config = ConfigurationFactory.ParseString(
            "maild.database.connection-string = \"Host=db;Database=maild;Username=maild;Password=Top-Secret-0\"")
            .WithFallback(ConfigLoader.Defaults);

        var text = ConfigText.Show(config, ConfigLoader.Defaults, nonDefaultOnly: true);

        Assert.Equal("maild.database.connection-string = \"Host=db;Database=maild;Username=maild;Password=***\"\n", text);
    }
}

[Collection(PostgresServer.Collection)]
public sealed class ServerDatabaseTestsOnPostgres(PostgresServer server)
    : ServerDatabaseTests(DatabaseProvider.PostgreSql, () => server.CreateDatabase("srv"), server.ConnectionString);

[Collection(MariaDbServer.Collection)]
public sealed class ServerDatabaseTestsOnMariaDb(MariaDbServer server)
    : ServerDatabaseTests(DatabaseProvider.MySql, () => server.CreateDatabase("srv"), server.ConnectionString);
