using Mail.Host.Directory;
using Mail.Tests.Databases;
using Xunit;

namespace Mail.Host.Tests.Directory;

/// <summary>
/// The sender login check per user and domain (schema version 3): stored by the admin,
/// inherited user, then domain, then configuration (null), and read by the server.
/// </summary>
public abstract class SenderLoginCheckTests : IDisposable
{
    private readonly TestDirectoryDatabase _db;
    private readonly DirectoryAdmin _cli;
    private readonly SqlDirectory _server;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected SenderLoginCheckTests(TestDirectoryDatabase db)
    {
        _db = db;
        _cli = _db.Store().Admin();
        _server = _db.Store().Directory();
        _cli.AddDomain("example.test");
        _cli.AddUser("alice@example.test", "wonderland");
        _cli.AddUser("bob@example.test", "builder");
    }

    public void Dispose()
    {
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

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
}

public sealed class SenderLoginCheckTestsOnSqlite() : SenderLoginCheckTests(TestDirectoryDatabase.Sqlite());

[Collection(PostgresServer.Collection)]
public sealed class SenderLoginCheckTestsOnPostgres(PostgresServer server) : SenderLoginCheckTests(TestDirectoryDatabase.Postgres(server));

[Collection(MariaDbServer.Collection)]
public sealed class SenderLoginCheckTestsOnMariaDb(MariaDbServer server) : SenderLoginCheckTests(TestDirectoryDatabase.MariaDb(server));
