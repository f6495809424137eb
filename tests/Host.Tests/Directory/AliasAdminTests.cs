using Mail.Actors.Directory;
using Mail.Host.Directory;
using Mail.Tests.Databases;
using Xunit;

namespace Mail.Host.Tests.Directory;

/// The admin side of aliases and alias domains: validation, refusals, listing, and the
/// migration of a directory file made by the previous version.
public abstract class AliasAdminTests : IDisposable
{
    private readonly TestDirectoryDatabase _db;
    private readonly DirectoryAdmin _admin;

    protected AliasAdminTests(TestDirectoryDatabase db)
    {
        _db = db;
        _admin = _db.Store().Admin(new AliasPolicy("postmaster@example.test", "mx.example.test"));
        _admin.AddDomain("example.test");
        _admin.AddUser("alice@example.test", "pw");
        _admin.AddUser("bob@example.test", "pw");
    }

    public void Dispose()
    {
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

    private static DirectoryException Refused(DirectoryErrorKind kind, Action action)
    {
        var e = Assert.Throws<DirectoryException>(action);
        Assert.Equal(kind, e.Kind);
        return e;
    }

    [Fact]
    public void Aliases_are_stored_canonical_and_listed_catch_all_first()
    {
        _admin.AddAlias("Team@Example.TEST", ["BOB@example.test", "alice@example.test", "dave@Remote.test"]);
        _admin.AddAlias("@example.test", ["alice@example.test"]);

        Assert.Equal(
            [("@example.test", "alice@example.test"), ("team@example.test", "alice@example.test"),
             ("team@example.test", "bob@example.test"), ("team@example.test", "dave@remote.test")],
            _admin.ListAliases("EXAMPLE.test").Select(a => (a.Source, a.Destination)));
        Assert.Equal(4, _admin.ListAliases().Count);
        Assert.Equal(2, _admin.ListDomains().Single().AliasCount);
    }

    [Fact]
    public void Bad_syntax_is_refused_with_what_is_wrong()
    {
        Assert.Equal("'team' is not a valid address: it must have the form local@domain",
            Refused(DirectoryErrorKind.Invalid, () => _admin.AddAlias("team", ["bob@example.test"])).Message);
        Refused(DirectoryErrorKind.Invalid, () => _admin.AddAlias("team@example.test", ["bob at example.test"]));
        Refused(DirectoryErrorKind.Invalid, () => _admin.AddAlias("@bad..test", ["bob@example.test"]));
        Refused(DirectoryErrorKind.Invalid, () => _admin.AddAlias("team@example.test", []));
    }

    [Fact]
    public void Source_domain_must_be_ours()
    {
        Assert.Equal("domain other.test does not exist; add it with: maild domain add other.test",
            Refused(DirectoryErrorKind.NotFound, () => _admin.AddAlias("x@other.test", ["bob@example.test"])).Message);
    }

    [Fact]
    public void A_local_destination_that_leads_nowhere_is_refused_and_nothing_is_added()
    {
        var e = Refused(DirectoryErrorKind.NotFound, () => _admin.AddAlias("team@example.test", ["bob@example.test", "nobody@example.test"]));

        Assert.Equal("destination nobody@example.test is not a user or alias here; add it first (maild user add nobody@example.test)", e.Message);
        Assert.Empty(_admin.ListAliases());
    }

    [Fact]
    public void A_loop_is_refused()
    {
        _admin.AddAlias("a@example.test", ["alice@example.test"]);
        _admin.AddAlias("b@example.test", ["a@example.test"]);

        var e = Refused(DirectoryErrorKind.Invalid, () => _admin.AddAlias("a@example.test", ["b@example.test"]));

        Assert.Contains("alias loop", e.Message);
        Assert.Equal(2, _admin.ListAliases().Count);
    }

    [Fact]
    public void An_alias_to_itself_alone_leads_nowhere()
    {
        Refused(DirectoryErrorKind.Invalid, () => _admin.AddAlias("ghost@example.test", ["ghost@example.test"]));
        _admin.AddAlias("alice@example.test", ["alice@example.test", "bob@example.test"]); // a user's own copy: fine
    }

    [Fact]
    public void Duplicate_pair_is_refused_and_remove_takes_one_or_all()
    {
        _admin.AddAlias("team@example.test", ["alice@example.test", "bob@example.test"]);
        Assert.Equal("alias team@example.test -> bob@example.test already exists",
            Refused(DirectoryErrorKind.AlreadyExists, () => _admin.AddAlias("team@example.test", ["BOB@example.test"])).Message);

        _admin.RemoveAlias("team@example.test", "Bob@example.test");
        Assert.Equal(["alice@example.test"], _admin.ListAliases().Select(a => a.Destination));
        _admin.RemoveAlias("team@example.test");
        Assert.Empty(_admin.ListAliases());
        Assert.Equal("alias team@example.test does not exist (see: maild alias list example.test)",
            Refused(DirectoryErrorKind.NotFound, () => _admin.RemoveAlias("team@example.test")).Message);
    }

    [Fact]
    public void Remote_destinations_and_the_postmaster_default_need_no_user()
    {
        _admin.AddAlias("fwd@example.test", ["someone@remote.test"]);
        _admin.AddAlias("ops@example.test", ["postmaster@example.test"]);
    }

    [Fact]
    public void Alias_domains_point_at_a_mailbox_domain_and_take_no_users()
    {
        _admin.AddDomain("Example.ORG", aliasOf: "example.test");

        var org = _admin.ListDomains().Single(d => d.Name == "example.org");
        Assert.Equal("example.test", org.AliasOf);
        Refused(DirectoryErrorKind.Invalid, () => _admin.AddUser("carol@example.org", "pw"));
        Refused(DirectoryErrorKind.NotFound, () => _admin.AddDomain("a.test", aliasOf: "missing.test"));
        Assert.Equal("domain example.org is itself an alias of example.test; use --alias-of example.test",
            Refused(DirectoryErrorKind.Invalid, () => _admin.AddDomain("b.test", aliasOf: "example.org")).Message);
        Refused(DirectoryErrorKind.Invalid, () => _admin.AddDomain("c.test", aliasOf: "c.test"));
        Refused(DirectoryErrorKind.AlreadyExists, () => _admin.AddDomain("example.org", aliasOf: "example.test"));
        _admin.AddAlias("info@example.org", ["alice@example.test"]); // its own aliases are fine
    }

    [Fact]
    public void A_domain_with_aliases_or_alias_domains_cannot_be_removed()
    {
        _admin.AddDomain("lists.test");
        _admin.AddAlias("all@lists.test", ["alice@example.test"]);
        _admin.AddDomain("example.org", aliasOf: "lists.test");

        Assert.Equal("domain lists.test still has 1 alias(es); remove them first (see: maild alias list lists.test)",
            Refused(DirectoryErrorKind.InUse, () => _admin.RemoveDomain("lists.test")).Message);
        _admin.RemoveAlias("all@lists.test");
        Assert.Equal("domain lists.test is the target of alias domain(s) example.org; remove them first",
            Refused(DirectoryErrorKind.InUse, () => _admin.RemoveDomain("lists.test")).Message);
        _admin.RemoveDomain("example.org");
        _admin.RemoveDomain("lists.test");
    }
}

public sealed class AliasAdminTestsOnSqlite() : AliasAdminTests(TestDirectoryDatabase.Sqlite());

[Collection(PostgresServer.Collection)]
public sealed class AliasAdminTestsOnPostgres(PostgresServer server) : AliasAdminTests(TestDirectoryDatabase.Postgres(server));

[Collection(MariaDbServer.Collection)]
public sealed class AliasAdminTestsOnMariaDb(MariaDbServer server) : AliasAdminTests(TestDirectoryDatabase.MariaDb(server));
