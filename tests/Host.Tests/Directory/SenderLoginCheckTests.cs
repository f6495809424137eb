using Mail.Host.Directory;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mail.Host.Tests.Directory;

/// <summary>
/// The sender login check per user and domain (schema version 3): stored by the admin,
/// inherited user, then domain, then configuration (null), and read by the server.
/// </summary>
public sealed class SenderLoginCheckTests : IDisposable
{
    private readonly TempDirectoryFile _file = new();
    private readonly DirectoryAdmin _cli;
    private readonly SqliteDirectory _server;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public SenderLoginCheckTests()
    {
        _cli = new DirectoryAdmin(_file.Path);
        _server = new SqliteDirectory(_file.Path);
        _cli.AddDomain("example.test");
        _cli.AddUser("alice@example.test", "wonderland");
        _cli.AddUser("bob@example.test", "builder");
    }

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Nothing_set_means_the_configuration_decides()
    {
        Assert.Null(await _server.SenderLoginCheckAsync("alice@example.test", _ct));
        Assert.Equal((null, null), _cli.GetSenderLoginCheck("alice@example.test"));
    }

    [Fact]
    public async Task A_user_inherits_its_domain_and_its_own_setting_wins()
    {
        _cli.SetDomainSenderLoginCheck("Example.TEST", false);
        Assert.False(await _server.SenderLoginCheckAsync("alice@example.test", _ct));
        Assert.False(await _server.SenderLoginCheckAsync("BOB@example.test", _ct));

        _cli.SetUserSenderLoginCheck("alice@example.test", true);
        Assert.True(await _server.SenderLoginCheckAsync("alice@example.test", _ct));
        Assert.False(await _server.SenderLoginCheckAsync("bob@example.test", _ct));
        Assert.Equal((true, false), _cli.GetSenderLoginCheck("alice@example.test"));

        _cli.SetUserSenderLoginCheck("alice@example.test", null);
        _cli.SetDomainSenderLoginCheck("example.test", null);
        Assert.Null(await _server.SenderLoginCheckAsync("alice@example.test", _ct));
    }

    [Fact]
    public async Task Unknown_users_and_domains_are_refused_and_unknown_logins_read_null()
    {
        Assert.Equal(DirectoryErrorKind.NotFound,
            Assert.Throws<DirectoryException>(() => _cli.SetUserSenderLoginCheck("carol@example.test", true)).Kind);
        Assert.Equal(DirectoryErrorKind.NotFound,
            Assert.Throws<DirectoryException>(() => _cli.SetDomainSenderLoginCheck("other.test", true)).Kind);
        _cli.AddDomain("alias.test", "example.test");
        Assert.Equal(DirectoryErrorKind.Invalid,
            Assert.Throws<DirectoryException>(() => _cli.SetDomainSenderLoginCheck("alias.test", true)).Kind);
        Assert.Null(await _server.SenderLoginCheckAsync("carol@example.test", _ct));
        Assert.Null(await _server.SenderLoginCheckAsync("not an address", _ct));
    }

    [Fact]
    public async Task A_version_2_file_is_migrated_and_inherits_everywhere()
    {
        using var old = new TempDirectoryFile();
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(old.Path)!);
        using (var c = new SqliteConnection($"Data Source={old.Path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            // The schema as versions 1 and 2 left it, with one domain and one user.
            cmd.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE schema_version(version INTEGER NOT NULL, applied_at TEXT NOT NULL);
                CREATE TABLE domains(name TEXT PRIMARY KEY COLLATE NOCASE, created_at TEXT NOT NULL);
                CREATE TABLE users(address TEXT PRIMARY KEY COLLATE NOCASE, domain TEXT NOT NULL REFERENCES domains(name),
                    password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
                CREATE INDEX users_domain ON users(domain);
                ALTER TABLE domains ADD COLUMN alias_of TEXT COLLATE NOCASE REFERENCES domains(name);
                CREATE INDEX domains_alias_of ON domains(alias_of);
                CREATE TABLE aliases(source TEXT NOT NULL COLLATE NOCASE, destination TEXT NOT NULL COLLATE NOCASE,
                    domain TEXT NOT NULL REFERENCES domains(name), created_at TEXT NOT NULL,
                    PRIMARY KEY(source, destination)) WITHOUT ROWID;
                INSERT INTO schema_version VALUES (1, '2025-01-01T00:00:00.000Z'), (2, '2025-06-01T00:00:00.000Z');
                INSERT INTO domains VALUES ('old.test', '2025-01-01T00:00:00.000Z', NULL);
                INSERT INTO users VALUES ('zoe@old.test', 'old.test', '{PLAIN}pw', '2025-01-01T00:00:00.000Z');
                """;
            cmd.ExecuteNonQuery();
        }

        var server = new SqliteDirectory(old.Path);
        Assert.Null(await server.SenderLoginCheckAsync("zoe@old.test", _ct));
        Assert.Equal("zoe@old.test", await server.AuthenticateAsync("zoe@old.test", "pw", _ct));
        var admin = new DirectoryAdmin(old.Path);
        admin.SetUserSenderLoginCheck("zoe@old.test", false);
        Assert.False(await server.SenderLoginCheckAsync("zoe@old.test", _ct));
    }
}
