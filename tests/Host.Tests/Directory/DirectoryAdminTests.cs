using Mail.Host.Directory;
using Mail.Tests.Databases;
using Xunit;

namespace Mail.Host.Tests.Directory;

public abstract class DirectoryAdminTests : IDisposable
{
    private readonly TestDirectoryDatabase _db;
    private readonly DirectoryAdmin _admin;

    protected DirectoryAdminTests(TestDirectoryDatabase db)
    {
        _db = db;
        _admin = db.Store().Admin();
    }

    public void Dispose()
    {
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Opening_twice_keeps_schema_and_data()
    {
        _admin.AddDomain("example.test");
        var again = _db.Store().Admin();

        Assert.Equal(["example.test"], again.ListDomains().Select(d => d.Name));
        // One row per schema step, written once: the second open found the schema current.
        Assert.Equal(3, Convert.ToInt64(_db.Execute("SELECT COUNT(*) FROM schema_version;")));
        Assert.Equal(3, Convert.ToInt64(_db.Execute("SELECT MAX(version) FROM schema_version;")));
    }

    [Fact]
    public void Domains_are_added_listed_lower_case_and_removed()
    {
        _admin.AddDomain("Example.TEST");
        _admin.AddDomain("b.example");

        var list = _admin.ListDomains();
        Assert.Equal(["b.example", "example.test"], list.Select(d => d.Name));
        Assert.All(list, d => Assert.InRange(d.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1)));

        _admin.RemoveDomain("EXAMPLE.test");
        Assert.Equal(["b.example"], _admin.ListDomains().Select(d => d.Name));
    }

    [Fact]
    public void Duplicate_domain_is_refused_in_any_case()
    {
        _admin.AddDomain("example.test");
        var e = Assert.Throws<DirectoryException>(() => _admin.AddDomain("EXAMPLE.test"));
        Assert.Equal(DirectoryErrorKind.AlreadyExists, e.Kind);
        Assert.Equal("domain example.test already exists", e.Message);
    }

    [Fact]
    public void EnsureDomain_is_idempotent()
    {
        _admin.EnsureDomain("example.test");
        _admin.EnsureDomain("Example.Test");
        Assert.Single(_admin.ListDomains());
    }

    [Fact]
    public void Removing_a_missing_domain_says_so()
    {
        var e = Assert.Throws<DirectoryException>(() => _admin.RemoveDomain("nope.test"));
        Assert.Equal(DirectoryErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public void Domain_with_users_cannot_be_removed()
    {
        _admin.AddDomain("example.test");
        _admin.AddUser("alice@example.test", "pw");

        var e = Assert.Throws<DirectoryException>(() => _admin.RemoveDomain("example.test"));
        Assert.Equal(DirectoryErrorKind.InUse, e.Kind);
        Assert.Contains("still has 1 user(s)", e.Message);
        Assert.Single(_admin.ListDomains());

        _admin.RemoveUser("alice@example.test");
        _admin.RemoveDomain("example.test");
        Assert.Empty(_admin.ListDomains());
    }

    [Fact]
    public void Users_are_added_listed_and_removed()
    {
        _admin.AddDomain("example.test");
        _admin.AddDomain("other.test");
        _admin.AddUser("Bob@Example.Test", "pw1");
        _admin.AddUser("alice@example.test", "pw2");
        _admin.AddUser("carol@other.test", "pw3");

        Assert.Equal(["alice@example.test", "bob@example.test", "carol@other.test"], _admin.ListUsers().Select(u => u.Address));
        Assert.Equal(["alice@example.test", "bob@example.test"], _admin.ListUsers("EXAMPLE.TEST").Select(u => u.Address));
        Assert.Equal([2, 1], _admin.ListDomains().Select(d => d.UserCount));

        _admin.RemoveUser("BOB@example.test");
        Assert.Equal(["alice@example.test"], _admin.ListUsers("example.test").Select(u => u.Address));
    }

    [Fact]
    public void User_in_missing_domain_is_refused_with_the_fix()
    {
        var e = Assert.Throws<DirectoryException>(() => _admin.AddUser("alice@example.test", "pw"));
        Assert.Equal(DirectoryErrorKind.NotFound, e.Kind);
        Assert.Equal("domain example.test does not exist; add it with: maild domain add example.test", e.Message);
    }

    [Fact]
    public void Duplicate_user_is_refused_in_any_case()
    {
        _admin.AddDomain("example.test");
        _admin.AddUser("alice@example.test", "pw");
        var e = Assert.Throws<DirectoryException>(() => _admin.AddUser("ALICE@example.test", "other"));
        Assert.Equal(DirectoryErrorKind.AlreadyExists, e.Kind);
    }

    [Fact]
    public void Missing_user_operations_say_not_found()
    {
        _admin.AddDomain("example.test");
        Assert.Equal(DirectoryErrorKind.NotFound, Assert.Throws<DirectoryException>(() => _admin.RemoveUser("x@example.test")).Kind);
        Assert.Equal(DirectoryErrorKind.NotFound, Assert.Throws<DirectoryException>(() => _admin.SetPassword("x@example.test", "pw")).Kind);
        Assert.Equal(DirectoryErrorKind.NotFound, Assert.Throws<DirectoryException>(() => _admin.ListUsers("nope.test")).Kind);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("alice@")]
    [InlineData("@example.test")]
    [InlineData("al ice@example.test")]
    [InlineData("alice@exa mple.test")]
    [InlineData("a@b@example.test")]
    [InlineData(".alice@example.test")]
    [InlineData("al..ice@example.test")]
    [InlineData("\"al ice\"@example.test")]
    [InlineData("alice@example..test")]
    [InlineData("alice@-example.test")]
    [InlineData("alice@example_x.test")]
    [InlineData("alice@192.0.2.1")]
    [InlineData("alice@[192.0.2.1]")]
    [InlineData("jörg@example.test")]
    [InlineData("alice@bücher.test")]
    public void Bad_addresses_are_refused_before_touching_the_database(string address)
    {
        var e = Assert.Throws<DirectoryException>(() => _admin.AddUser(address, "pw"));
        Assert.Equal(DirectoryErrorKind.Invalid, e.Kind);
        Assert.StartsWith($"'{address}' is not a valid address: ", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\0b")]
    public void Empty_or_nul_passwords_are_refused(string password)
    {
        _admin.AddDomain("example.test");
        Assert.Equal(DirectoryErrorKind.Invalid,
            Assert.Throws<DirectoryException>(() => _admin.AddUser("alice@example.test", password)).Kind);
    }

    [Fact]
    public void Stored_hash_is_sha512_crypt_and_never_the_password()
    {
        _admin.AddDomain("example.test");
        _admin.AddUser("alice@example.test", "S3cret-Passw0rd");

        var hash = (string)_db.Execute("SELECT password_hash FROM users")!;
        Assert.StartsWith("{SHA512-CRYPT}$6$", hash);
        Assert.DoesNotContain("S3cret-Passw0rd", hash);
    }
}

public sealed class DirectoryAdminTestsOnSqlite() : DirectoryAdminTests(TestDirectoryDatabase.Sqlite());

[Collection(PostgresServer.Collection)]
public sealed class DirectoryAdminTestsOnPostgres(PostgresServer server) : DirectoryAdminTests(TestDirectoryDatabase.Postgres(server));

[Collection(MariaDbServer.Collection)]
public sealed class DirectoryAdminTestsOnMariaDb(MariaDbServer server) : DirectoryAdminTests(TestDirectoryDatabase.MariaDb(server));
