using Mail.Actors.Directory;
using Mail.Host.Directory;
using Mail.Tests.Databases;
using Xunit;

namespace Mail.Host.Tests.Directory;

/// <summary>
/// RCPT resolution on the SQL directory: Postfix's order (exact alias, alias domain rewrite,
/// user, catch-all, postmaster default), recursion, self-reference, loops and limits. Rows are
/// written by the admin side, as the CLI would; the server side sees them at once.
/// </summary>
public abstract class AliasResolutionTests : IDisposable
{
    private readonly TestDirectoryDatabase _db;
    private readonly DirectoryAdmin _cli;
    private readonly SqlDirectory _server;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected AliasResolutionTests(TestDirectoryDatabase db)
    {
        _db = db;
        var policy = new AliasPolicy("postmaster@example.test", "mx.example.test");
        _cli = _db.Store().Admin(policy);
        _server = _db.Store().Directory(policy);
        _cli.AddDomain("example.test");
        _cli.AddDomain("other.test");
        _cli.AddUser("alice@example.test", "pw");
        _cli.AddUser("bob@example.test", "pw");
        _cli.AddUser("carol@other.test", "pw");
    }

    public void Dispose()
    {
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<IReadOnlyList<(string Address, string? Mailbox)>> TargetsAsync(string address)
    {
        var resolution = await _server.ResolveAsync(address, _ct);
        var deliver = Assert.IsType<RecipientResolution.Deliver>(resolution);
        return [.. deliver.Targets.Select(t => (t.Address, t.MailboxId))];
    }

    /// Rows straight into the table, for shapes the CLI refuses (loops, dangling members).
    private void InsertAlias(string source, string destination)
    {
        _db.Execute("INSERT INTO aliases(source, destination, domain, created_at) VALUES (@s, @d, @domain, '2025-01-01T00:00:00.000Z');",
            ("@s", source), ("@d", destination), ("@domain", source[(source.LastIndexOf('@') + 1)..]));
    }

    [Fact]
    public async Task A_user_is_its_own_mailbox_in_any_case()
    {
        Assert.Equal([("alice@example.test", "alice@example.test")], await TargetsAsync("Alice@EXAMPLE.test"));
    }

    [Fact]
    public async Task Unknown_user_in_our_domain_and_a_foreign_domain_are_told_apart()
    {
        Assert.IsType<RecipientResolution.UnknownUser>(await _server.ResolveAsync("nobody@example.test", _ct));
        Assert.IsType<RecipientResolution.NotLocal>(await _server.ResolveAsync("alice@elsewhere.test", _ct));
        Assert.IsType<RecipientResolution.UnknownUser>(await _server.ResolveAsync("\"odd local\"@example.test", _ct));
        Assert.IsType<RecipientResolution.NotLocal>(await _server.ResolveAsync("x@[192.0.2.1]", _ct));
    }

    [Fact]
    public async Task An_alias_to_two_users_and_a_remote_address()
    {
        _cli.AddAlias("team@example.test", ["alice@example.test", "carol@other.test", "dave@remote.test"]);

        Assert.Equal(
            [("alice@example.test", "alice@example.test"), ("carol@other.test", "carol@other.test"), ("dave@remote.test", null)],
            (await TargetsAsync("team@example.test")).Order());
    }

    [Fact]
    public async Task Aliases_expand_recursively_and_duplicates_are_removed()
    {
        _cli.AddAlias("devs@example.test", ["alice@example.test", "bob@example.test"]);
        _cli.AddAlias("all@example.test", ["devs@example.test", "alice@example.test", "ALICE@example.test"]);

        Assert.Equal(["alice@example.test", "bob@example.test"], (await TargetsAsync("all@example.test")).Select(t => t.Address).Order());
    }

    [Fact]
    public async Task An_exact_alias_wins_over_the_user_and_a_user_aliased_to_itself_keeps_its_copy()
    {
        _cli.AddAlias("alice@example.test", ["bob@example.test"]);
        Assert.Equal(["bob@example.test"], (await TargetsAsync("alice@example.test")).Select(t => t.Address));

        _cli.AddAlias("alice@example.test", ["alice@example.test"]);
        Assert.Equal(["alice@example.test", "bob@example.test"], (await TargetsAsync("alice@example.test")).Select(t => t.Address).Order());
    }

    [Fact]
    public async Task Catch_all_takes_only_what_is_no_user()
    {
        _cli.AddAlias("@example.test", ["bob@example.test"]);

        Assert.Equal(["alice@example.test"], (await TargetsAsync("alice@example.test")).Select(t => t.Address));
        Assert.Equal(["bob@example.test"], (await TargetsAsync("anything@example.test")).Select(t => t.Address));
        Assert.IsType<RecipientResolution.UnknownUser>(await _server.ResolveAsync("anything@other.test", _ct));
    }

    [Fact]
    public async Task An_exact_alias_wins_over_the_catch_all()
    {
        _cli.AddAlias("@example.test", ["bob@example.test"]);
        _cli.AddAlias("sales@example.test", ["carol@other.test"]);

        Assert.Equal(["carol@other.test"], (await TargetsAsync("sales@example.test")).Select(t => t.Address));
    }

    [Fact]
    public async Task An_alias_domain_rewrites_to_its_target_unless_an_alias_of_its_own_matches()
    {
        _cli.AddDomain("example.org", aliasOf: "example.test");
        _cli.AddAlias("info@example.org", ["carol@other.test"]);

        Assert.Equal([("alice@example.test", "alice@example.test")], await TargetsAsync("alice@example.org"));
        Assert.Equal(["carol@other.test"], (await TargetsAsync("info@example.org")).Select(t => t.Address));
        Assert.IsType<RecipientResolution.UnknownUser>(await _server.ResolveAsync("nobody@example.org", _ct));
        Assert.True(await _server.IsLocalDomainAsync("example.org", _ct));
    }

    [Fact]
    public async Task An_alias_domain_follows_the_targets_aliases_and_catch_all()
    {
        _cli.AddDomain("example.org", aliasOf: "example.test");
        _cli.AddAlias("team@example.test", ["alice@example.test", "bob@example.test"]);
        _cli.AddAlias("@example.test", ["bob@example.test"]);

        Assert.Equal(["alice@example.test", "bob@example.test"], (await TargetsAsync("team@example.org")).Select(t => t.Address).Order());
        Assert.Equal(["bob@example.test"], (await TargetsAsync("whoever@example.org")).Select(t => t.Address));
    }

    [Fact]
    public async Task A_loop_is_an_expansion_error()
    {
        InsertAlias("a@example.test", "b@example.test");
        InsertAlias("b@example.test", "c@example.test");
        InsertAlias("c@example.test", "a@example.test");

        var error = Assert.IsType<RecipientResolution.ExpansionError>(await _server.ResolveAsync("a@example.test", _ct));
        Assert.Equal("alias loop: a@example.test -> b@example.test -> c@example.test -> a@example.test", error.Reason);
    }

    [Fact]
    public async Task Coming_back_to_an_address_that_lists_itself_is_no_loop()
    {
        // Postfix: an address may expand into itself once; it is then delivered, not expanded.
        InsertAlias("alice@example.test", "alice@example.test");
        InsertAlias("alice@example.test", "list@example.test");
        InsertAlias("list@example.test", "alice@example.test");
        InsertAlias("list@example.test", "bob@example.test");

        Assert.Equal(["alice@example.test", "bob@example.test"], (await TargetsAsync("alice@example.test")).Select(t => t.Address).Order());
    }

    [Fact]
    public async Task Nesting_deeper_than_the_limit_is_an_expansion_error()
    {
        // n1 -> ... -> n20 -> alice is 20 levels of aliases; n0 makes 21.
        for (var i = 0; i < 20; i++)
            InsertAlias($"n{i}@example.test", $"n{i + 1}@example.test");
        InsertAlias("n20@example.test", "alice@example.test");

        Assert.Equal(["alice@example.test"], (await TargetsAsync("n1@example.test")).Select(t => t.Address));
        var error = Assert.IsType<RecipientResolution.ExpansionError>(await _server.ResolveAsync("n0@example.test", _ct));
        Assert.StartsWith("alias nesting deeper than 20", error.Reason);
    }

    [Fact]
    public async Task Expanding_to_more_than_the_limit_is_an_expansion_error()
    {
        var small = _db.Store().Directory(new AliasPolicy("postmaster@example.test", "mx.example.test", ExpansionLimit: 3));
        _cli.AddAlias("three@example.test", ["alice@example.test", "bob@example.test", "carol@other.test"]);
        _cli.AddAlias("two@example.test", ["alice@example.test", "bob@example.test"]);

        Assert.IsType<RecipientResolution.Deliver>(await small.ResolveAsync("two@example.test", _ct));
        Assert.IsType<RecipientResolution.ExpansionError>(await small.ResolveAsync("three@example.test", _ct));
    }

    [Fact]
    public async Task Members_that_lead_nowhere_are_dropped_and_named_and_none_left_is_unknown_user()
    {
        InsertAlias("list@example.test", "alice@example.test");
        InsertAlias("list@example.test", "gone@example.test");
        InsertAlias("dead@example.test", "gone@example.test");

        var deliver = Assert.IsType<RecipientResolution.Deliver>(await _server.ResolveAsync("list@example.test", _ct));
        Assert.Equal(["alice@example.test"], deliver.Targets.Select(t => t.Address));
        Assert.Equal(["gone@example.test"], deliver.Dropped);
        Assert.IsType<RecipientResolution.UnknownUser>(await _server.ResolveAsync("dead@example.test", _ct));
    }

    [Theory]
    [InlineData("postmaster@example.test")]
    [InlineData("abuse@other.test")]
    [InlineData("Postmaster@other.test")]
    [InlineData("postmaster@mx.example.test")] // the host name, though no mail domain
    public async Task Postmaster_and_abuse_of_every_domain_reach_the_postmaster_mailbox(string address)
    {
        // No user postmaster@example.test yet: its mailbox keeps the mail.
        Assert.Equal([("postmaster@example.test", "postmaster@example.test")], await TargetsAsync(address));
    }

    [Fact]
    public async Task Postmaster_follows_its_alias_and_a_domain_may_have_its_own()
    {
        _cli.AddAlias("postmaster@example.test", ["alice@example.test"]);
        _cli.AddUser("abuse@other.test", "pw");

        Assert.Equal(["alice@example.test"], (await TargetsAsync("postmaster@other.test")).Select(t => t.Address));
        Assert.Equal(["alice@example.test"], (await TargetsAsync("abuse@example.test")).Select(t => t.Address));
        Assert.Equal(["abuse@other.test"], (await TargetsAsync("abuse@other.test")).Select(t => t.Address));
        Assert.IsType<RecipientResolution.NotLocal>(await _server.ResolveAsync("postmaster@elsewhere.test", _ct));
        Assert.IsType<RecipientResolution.NotLocal>(await _server.ResolveAsync("someone@mx.example.test", _ct));
    }

    [Fact]
    public async Task A_catch_all_takes_postmaster_before_the_default()
    {
        _cli.AddAlias("@other.test", ["carol@other.test"]);

        Assert.Equal(["carol@other.test"], (await TargetsAsync("postmaster@other.test")).Select(t => t.Address));
    }

    [Fact]
    public async Task A_remote_postmaster_address_is_relayed()
    {
        var remote = _db.Store().Directory(new AliasPolicy("hostmaster@provider.test", "mx.example.test"));

        Assert.Equal([("hostmaster@provider.test", (string?)null)],
            [.. Assert.IsType<RecipientResolution.Deliver>(await remote.ResolveAsync("abuse@example.test", _ct)).Targets.Select(t => (t.Address, t.MailboxId))]);
    }

    [Fact]
    public async Task Without_a_policy_postmaster_is_an_unknown_user_like_any_other()
    {
        var plain = _db.Store().Directory();

        Assert.IsType<RecipientResolution.UnknownUser>(await plain.ResolveAsync("postmaster@example.test", _ct));
    }

    [Fact]
    public async Task Changes_by_the_cli_apply_at_the_next_lookup()
    {
        Assert.IsType<RecipientResolution.UnknownUser>(await _server.ResolveAsync("new@example.test", _ct));
        _cli.AddAlias("new@example.test", ["bob@example.test"]);
        Assert.Equal(["bob@example.test"], (await TargetsAsync("new@example.test")).Select(t => t.Address));
        _cli.RemoveAlias("new@example.test");
        Assert.IsType<RecipientResolution.UnknownUser>(await _server.ResolveAsync("new@example.test", _ct));
    }
}

public sealed class AliasResolutionTestsOnSqlite() : AliasResolutionTests(TestDirectoryDatabase.Sqlite());

[Collection(PostgresServer.Collection)]
public sealed class AliasResolutionTestsOnPostgres(PostgresServer server) : AliasResolutionTests(TestDirectoryDatabase.Postgres(server));

[Collection(MariaDbServer.Collection)]
public sealed class AliasResolutionTestsOnMariaDb(MariaDbServer server) : AliasResolutionTests(TestDirectoryDatabase.MariaDb(server));
