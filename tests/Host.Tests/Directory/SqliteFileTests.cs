using Mail.Actors.Directory;
using Mail.Host.Directory;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mail.Host.Tests.Directory;

/// <summary>
/// What only the SQLite file has: WAL mode, an admin message for a file that is not a
/// database, and the migration of files made by earlier versions (the server databases
/// start at the current version).
/// </summary>
public sealed class SqliteFileTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectoryFile _file = new();

    public void Dispose() => _file.Dispose();

    /// A file as an earlier maild left it: version 1's tables, then <paramref name="sql"/>.
    private static TempDirectoryFile OldFile(string sql)
    {
        var old = new TempDirectoryFile();
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(old.Path)!);
        using var c = new SqliteConnection($"Data Source={old.Path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE schema_version(version INTEGER NOT NULL, applied_at TEXT NOT NULL);
            CREATE TABLE domains(name TEXT PRIMARY KEY COLLATE NOCASE, created_at TEXT NOT NULL);
            CREATE TABLE users(address TEXT PRIMARY KEY COLLATE NOCASE, domain TEXT NOT NULL REFERENCES domains(name),
                password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
            CREATE INDEX users_domain ON users(domain);
            """ + sql;
        cmd.ExecuteNonQuery();
        return old;
    }

    [Fact]
    public void The_file_is_in_wal_mode()
    {
        new DirectoryAdmin(_file.Path).AddDomain("example.test");
        using var c = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }

    [Fact]
    public void A_file_that_is_not_a_database_gives_an_admin_message()
    {
        var path = _file.Path + ".bad";
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, new string('x', 4096));

        var e = Assert.Throws<DirectoryException>(() => new DirectoryAdmin(path));
        Assert.Equal(DirectoryErrorKind.Storage, e.Kind);
        Assert.Equal($"{path} is not a maild user database or is damaged", e.Message);
        Assert.IsType<SqliteException>(e.InnerException);
    }

    [Fact]
    public async Task A_version_1_file_is_migrated_and_keeps_its_users()
    {
        // The schema exactly as version 1 created it, with one domain and one user.
        using var old = OldFile("""
            INSERT INTO schema_version VALUES (1, '2025-01-01T00:00:00.000Z');
            INSERT INTO domains VALUES ('old.test', '2025-01-01T00:00:00.000Z');
            INSERT INTO users VALUES ('zoe@old.test', 'old.test', '{PLAIN}pw', '2025-01-01T00:00:00.000Z');
            """);

        var admin = new DirectoryAdmin(old.Path);
        admin.AddAlias("z@old.test", ["zoe@old.test"]);
        var server = new SqlDirectory(old.Path);

        Assert.Equal("zoe@old.test", await server.AuthenticateAsync("zoe@old.test", "pw", Ct));
        var deliver = Assert.IsType<RecipientResolution.Deliver>(await server.ResolveAsync("z@old.test", Ct));
        Assert.Equal("zoe@old.test", Assert.Single(deliver.Targets).MailboxId);
        Assert.Null(admin.ListDomains().Single().AliasOf);
    }

    [Fact]
    public async Task A_version_2_file_is_migrated_and_inherits_everywhere()
    {
        // The schema as versions 1 and 2 left it, with one domain and one user.
        using var old = OldFile("""
            ALTER TABLE domains ADD COLUMN alias_of TEXT COLLATE NOCASE REFERENCES domains(name);
            CREATE INDEX domains_alias_of ON domains(alias_of);
            CREATE TABLE aliases(source TEXT NOT NULL COLLATE NOCASE, destination TEXT NOT NULL COLLATE NOCASE,
                domain TEXT NOT NULL REFERENCES domains(name), created_at TEXT NOT NULL,
                PRIMARY KEY(source, destination)) WITHOUT ROWID;
            INSERT INTO schema_version VALUES (1, '2025-01-01T00:00:00.000Z'), (2, '2025-06-01T00:00:00.000Z');
            INSERT INTO domains VALUES ('old.test', '2025-01-01T00:00:00.000Z', NULL);
            INSERT INTO users VALUES ('zoe@old.test', 'old.test', '{PLAIN}pw', '2025-01-01T00:00:00.000Z');
            """);

        var server = new SqlDirectory(old.Path);
        Assert.Null(await server.SenderLoginCheckAsync("zoe@old.test", Ct));
        Assert.Equal("zoe@old.test", await server.AuthenticateAsync("zoe@old.test", "pw", Ct));
        var admin = new DirectoryAdmin(old.Path);
        admin.SetUserSenderLoginCheck("zoe@old.test", false);
        Assert.False(await server.SenderLoginCheckAsync("zoe@old.test", Ct));
    }
}
