using Mail.Actors.Directory;
using Mail.Host.Directory;
using Mail.Tests.Databases;
using Xunit;

namespace Mail.Host.Tests.Directory;

/// <summary>
/// The server side. "CLI" and "server" are separate objects on the same file, as they
/// are separate processes in production.
/// </summary>
public abstract class SqlDirectoryTests : IDisposable
{
    private readonly TestDirectoryDatabase _db;
    private readonly DirectoryAdmin _cli;
    private readonly SqlDirectory _server;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected SqlDirectoryTests(TestDirectoryDatabase db)
    {
        _db = db;
        _cli = _db.Store().Admin();
        _server = _db.Store().Directory();
        _cli.AddDomain("example.test");
        _cli.AddUser("alice@example.test", "wonderland");
    }

    public void Dispose()
    {
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Local_domains_are_matched_case_insensitively()
    {
        Assert.True(await _server.IsLocalDomainAsync("example.test", _ct));
        Assert.True(await _server.IsLocalDomainAsync("EXAMPLE.Test", _ct));
        Assert.False(await _server.IsLocalDomainAsync("other.test", _ct));
        Assert.False(await _server.IsLocalDomainAsync("not a domain", _ct));
    }

    [Theory]
    [InlineData("alice@example.test")]
    [InlineData("Alice@Example.TEST")]
    [InlineData("ALICE@example.test")]
    public async Task Mailbox_lookup_is_case_insensitive_and_canonical(string address) =>
        Assert.Equal("alice@example.test", await _server.FindMailboxAsync(address, _ct));

    [Theory]
    [InlineData("bob@example.test")]      // unknown user, local domain
    [InlineData("alice@other.test")]      // unknown domain
    [InlineData("alice")]                 // not an address
    [InlineData("")]
    public async Task Unknown_mailboxes_give_null(string address) =>
        Assert.Null(await _server.FindMailboxAsync(address, _ct));

    [Fact]
    public async Task Authenticate_right_wrong_and_unknown()
    {
        Assert.Equal("alice@example.test", await _server.AuthenticateAsync("Alice@Example.test", "wonderland", _ct));
        Assert.Null(await _server.AuthenticateAsync("alice@example.test", "Wonderland", _ct));
        Assert.Null(await _server.AuthenticateAsync("alice@example.test", "", _ct));
        Assert.Null(await _server.AuthenticateAsync("bob@example.test", "wonderland", _ct));
        Assert.Null(await _server.AuthenticateAsync("alice", "wonderland", _ct));
    }

    [Fact]
    public async Task Passwd_replaces_the_hash_and_the_old_password_stops_working()
    {
        _cli.SetPassword("alice@example.test", "looking-glass");

        Assert.Null(await _server.AuthenticateAsync("alice@example.test", "wonderland", _ct));
        Assert.Equal("alice@example.test", await _server.AuthenticateAsync("alice@example.test", "looking-glass", _ct));
    }

    [Fact]
    public async Task Server_sees_cli_changes_at_once_and_both_ways()
    {
        Assert.Null(await _server.FindMailboxAsync("bob@other.test", _ct));
        _cli.AddDomain("other.test");
        _cli.AddUser("bob@other.test", "pw");
        Assert.True(await _server.IsLocalDomainAsync("other.test", _ct));
        Assert.Equal("bob@other.test", await _server.FindMailboxAsync("bob@other.test", _ct));

        _cli.RemoveUser("bob@other.test");
        Assert.Null(await _server.FindMailboxAsync("bob@other.test", _ct));
        Assert.Null(await _server.AuthenticateAsync("bob@other.test", "pw", _ct));

        // Server start seeds its default domain; an already running server and the CLI see it.
        _db.Store().Admin().EnsureDomain("seeded.test");
        Assert.True(await _server.IsLocalDomainAsync("seeded.test", _ct));
        Assert.Contains("seeded.test", _cli.ListDomains().Select(d => d.Name));
    }

    [Fact]
    public async Task Repeated_resolutions_follow_every_change_of_the_directory()
    {
        // Each address twice: on SQLite the second answer comes from the cache.
        async Task<RecipientResolution> Twice(string address)
        {
            var first = await _server.ResolveAsync(address, _ct);
            var second = await _server.ResolveAsync(address, _ct);
            Assert.Equal(first.GetType(), second.GetType());
            Assert.Equal(Mailbox(first), Mailbox(second));
            return first;
        }
        static string? Mailbox(RecipientResolution r) => r is RecipientResolution.Deliver d ? d.Targets.Single().MailboxId : null;

        Assert.Equal("alice@example.test", Mailbox(await Twice("alice@example.test")));
        Assert.IsType<RecipientResolution.UnknownUser>(await Twice("bob@example.test"));

        _cli.AddUser("bob@example.test", "pw");
        Assert.Equal("bob@example.test", Mailbox(await Twice("bob@example.test")));

        // An admin's own SQL, not through maild: seen as well.
        _db.Execute("DELETE FROM users WHERE address = @a;", ("@a", "bob@example.test"));
        Assert.IsType<RecipientResolution.UnknownUser>(await Twice("bob@example.test"));

        _cli.AddAlias("bob@example.test", ["alice@example.test"]);
        Assert.Equal("alice@example.test", Mailbox(await Twice("bob@example.test")));
        _cli.RemoveAlias("bob@example.test");
        Assert.IsType<RecipientResolution.UnknownUser>(await Twice("bob@example.test"));

        _cli.RemoveUser("alice@example.test");
        Assert.IsType<RecipientResolution.UnknownUser>(await Twice("alice@example.test"));
    }

    [Fact]
    public async Task Concurrent_lookups_while_the_cli_writes()
    {
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 50; i++) _cli.AddDomain($"d{i}.test");
        }, _ct);
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
                Assert.Equal("alice@example.test", await _server.FindMailboxAsync("alice@example.test", _ct));
        }, _ct));

        await Task.WhenAll(readers.Append(writer));
        Assert.Equal(51, _cli.ListDomains().Count);
    }
}

public sealed class SqlDirectoryTestsOnSqlite() : SqlDirectoryTests(TestDirectoryDatabase.Sqlite());

[Collection(PostgresServer.Collection)]
public sealed class SqlDirectoryTestsOnPostgres(PostgresServer server) : SqlDirectoryTests(TestDirectoryDatabase.Postgres(server));

[Collection(MariaDbServer.Collection)]
public sealed class SqlDirectoryTestsOnMariaDb(MariaDbServer server) : SqlDirectoryTests(TestDirectoryDatabase.MariaDb(server));
