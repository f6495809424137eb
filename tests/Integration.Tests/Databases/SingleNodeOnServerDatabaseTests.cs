using System.Data.Common;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Mail.Integration.Tests.Harness;
using Mail.Tests.Databases;
using MySqlConnector;
using Npgsql;

namespace Mail.Integration.Tests.Databases;

/// <summary>
/// The whole server on one node with `maild.database` on a real PostgreSQL or MariaDB: the
/// CLI adds users there, mail goes in over SMTP and out over IMAP, and after a restart the
/// mail (journal) and the users (directory) come back from that database, not from files
/// in the data folder.
/// </summary>
public abstract class SingleNodeOnServerDatabaseTests(string provider, string connectionString) : MaildTestBase
{
    protected abstract DbConnection Connect(string connection);

    private long Count(string sql)
    {
        using var c = Connect(connectionString);
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IList<string>> SubjectsAsync(MaildServer server, string user, string password, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var client = new ImapClient { Timeout = 60_000 };
            await client.ConnectAsync("127.0.0.1", server.ImapPort, SecureSocketOptions.None, Ct);
            await client.AuthenticateAsync(user, password, Ct);
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly, Ct);
            var subjects = new List<string>();
            for (var i = 0; i < client.Inbox.Count; i++)
                subjects.Add((await client.Inbox.GetMessageAsync(i, Ct)).Subject ?? "");
            await client.DisconnectAsync(true, Ct);
            if (subjects.Count >= expected || DateTime.UtcNow > deadline)
                return subjects;
            await Task.Delay(200, Ct);
        }
    }

    [Fact]
    public async Task Cli_users_mail_and_a_restart_all_live_in_the_database()
    {
        const string secretPart = "pw-";
        var server = await StartServerAsync(new MaildOptions
        {
            Environment = new Dictionary<string, string>
            {
                ["MAILD_DATABASE_PROVIDER"] = provider,
                ["MAILD_DATABASE_CONNECTION_STRING"] = connectionString,
            },
            Users = [("alice@" + MaildOptions.Domain, "alice-pw")],
        });

        // The CLI writes to the same database the running server reads.
        var add = await server.RunCliAsync("user", "add", "bob@" + MaildOptions.Domain, "--password", "bob-pw");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal(2, Count("SELECT COUNT(*) FROM users"));
        Assert.False(File.Exists(Path.Combine(server.DataDir, "directory.db")), "the directory must not fall back to SQLite");

        var reply = await MailKitClients.SendAsync(server.SmtpPort,
            MailKitClients.NewMessage("alice@" + MaildOptions.Domain, "bob@" + MaildOptions.Domain, "On a shared database", "Hello Bob"));
        Assert.Contains("queued", reply);
        Assert.Equal(["On a shared database"], await SubjectsAsync(server, "bob@" + MaildOptions.Domain, "bob-pw", 1));
        Assert.True(Count("SELECT COUNT(*) FROM journal") > 0, "the journal must be in the database");

        Assert.Equal(0, await server.StopAsync());
        await server.RestartAsync();

        Assert.Equal(["On a shared database"], await SubjectsAsync(server, "bob@" + MaildOptions.Domain, "bob-pw", 1));
        var list = await server.RunCliAsync("user", "list");
        Assert.Contains("bob@" + MaildOptions.Domain, list.Stdout);

        // `config show` tells which database, never with its password.
        var show = await server.RunCliAsync("config", "show");
        Assert.Contains("maild.database.connection-string", show.Stdout);
        Assert.Contains("Password=***", show.Stdout);
        Assert.DoesNotContain(secretPart, show.Stdout);
    }
}

[Collection(PostgresServer.Collection)]
public sealed class SingleNodeOnPostgresTests(PostgresServer server)
    : SingleNodeOnServerDatabaseTests("postgresql", server.CreateDatabase("node"))
{
    protected override DbConnection Connect(string connection) => new NpgsqlConnection(connection);
}

[Collection(MariaDbServer.Collection)]
public sealed class SingleNodeOnMariaDbTests(MariaDbServer server)
    : SingleNodeOnServerDatabaseTests("mysql", server.CreateDatabase("node"))
{
    protected override DbConnection Connect(string connection) => new MySqlConnection(connection);
}
