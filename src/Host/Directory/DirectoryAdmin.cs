using Microsoft.Data.Sqlite;

namespace Mail.Host.Directory;

/// <summary>
/// Changes to the directory, behind the <c>maild domain</c> and <c>maild user</c> verbs
/// and the server's start-up seeding. Every method opens its own pooled connection and
/// commits before returning, so a running server sees the change on its next lookup.
/// Failures are DirectoryExceptions whose Message tells the admin what to do.
/// Removing a user only removes the login and the address; stored mail is not touched.
/// </summary>
public sealed class DirectoryAdmin
{
    private readonly DirectoryDatabase _db;

    /// <summary>Opens (creating or migrating if needed) the directory at <paramref name="databasePath"/>.</summary>
    public DirectoryAdmin(string databasePath)
    {
        _db = new DirectoryDatabase(databasePath);
        DirectorySchema.EnsureCreated(_db);
    }

    public string DatabasePath => _db.Path;

    public void AddDomain(string domain)
    {
        var name = AddressSyntax.NormalizeDomain(domain);
        _db.Run(c =>
        {
            try { Sql.Execute(c, "INSERT INTO domains(name, created_at) VALUES ($name, $now);", ("$name", name), ("$now", Timestamp.Now())); }
            catch (SqliteException e) when (DirectoryDatabase.IsDuplicateKey(e))
            {
                throw new DirectoryException(DirectoryErrorKind.AlreadyExists, $"domain {name} already exists", e);
            }
        });
    }

    /// <summary>Adds the domain unless it exists; for seeding the default domain at start.</summary>
    public void EnsureDomain(string domain)
    {
        var name = AddressSyntax.NormalizeDomain(domain);
        _db.Run(c => Sql.Execute(c, "INSERT INTO domains(name, created_at) VALUES ($name, $now) ON CONFLICT(name) DO NOTHING;",
            ("$name", name), ("$now", Timestamp.Now())));
    }

    /// <summary>Refused while the domain has users, so no mailbox is orphaned by accident.</summary>
    public void RemoveDomain(string domain)
    {
        var name = AddressSyntax.NormalizeDomain(domain);
        _db.Run(c =>
        {
            // IMMEDIATE: no user can be added between the count and the delete.
            using var tx = c.BeginTransaction(deferred: false);
            var users = Sql.Count(c, "SELECT COUNT(*) FROM users WHERE domain = $name;", ("$name", name));
            if (users > 0)
                throw new DirectoryException(DirectoryErrorKind.InUse,
                    $"domain {name} still has {users} user(s); remove them first (see: maild user list {name})");
            if (Sql.Execute(c, "DELETE FROM domains WHERE name = $name;", ("$name", name)) == 0)
                throw DomainNotFound(name);
            tx.Commit();
        });
    }

    public IReadOnlyList<DomainEntry> ListDomains() => _db.Run(c =>
        Sql.Query(c,
            "SELECT d.name, d.created_at, (SELECT COUNT(*) FROM users u WHERE u.domain = d.name) FROM domains d ORDER BY d.name;",
            r => new DomainEntry(r.GetString(0), Timestamp.Parse(r.GetString(1)), r.GetInt32(2))));

    public void AddUser(string address, string password)
    {
        var mailbox = AddressSyntax.NormalizeAddress(address);
        var domain = AddressSyntax.DomainOf(mailbox);
        var hash = HashChecked(password);  // CPU work, done before taking the write lock
        _db.Run(c =>
        {
            using var tx = c.BeginTransaction(deferred: false);
            if (Sql.Count(c, "SELECT COUNT(*) FROM domains WHERE name = $name;", ("$name", domain)) == 0)
                throw DomainNotFound(domain);
            try
            {
                Sql.Execute(c, "INSERT INTO users(address, domain, password_hash, created_at) VALUES ($a, $d, $h, $now);",
                    ("$a", mailbox), ("$d", domain), ("$h", hash), ("$now", Timestamp.Now()));
            }
            catch (SqliteException e) when (DirectoryDatabase.IsDuplicateKey(e))
            {
                throw new DirectoryException(DirectoryErrorKind.AlreadyExists,
                    $"user {mailbox} already exists; to change the password use: maild user passwd {mailbox}", e);
            }
            tx.Commit();
        });
    }

    public void RemoveUser(string address)
    {
        var mailbox = AddressSyntax.NormalizeAddress(address);
        if (_db.Run(c => Sql.Execute(c, "DELETE FROM users WHERE address = $a;", ("$a", mailbox))) == 0)
            throw UserNotFound(mailbox);
    }

    public void SetPassword(string address, string password)
    {
        var mailbox = AddressSyntax.NormalizeAddress(address);
        var hash = HashChecked(password);
        if (_db.Run(c => Sql.Execute(c, "UPDATE users SET password_hash = $h WHERE address = $a;", ("$h", hash), ("$a", mailbox))) == 0)
            throw UserNotFound(mailbox);
    }

    /// <summary>All users, or those of one domain (which must exist, to catch typos).</summary>
    public IReadOnlyList<UserEntry> ListUsers(string? domain = null)
    {
        var name = domain is null ? null : AddressSyntax.NormalizeDomain(domain);
        return _db.Run(c =>
        {
            if (name is not null && Sql.Count(c, "SELECT COUNT(*) FROM domains WHERE name = $name;", ("$name", name)) == 0)
                throw DomainNotFound(name);
            return Sql.Query(c,
                "SELECT address, domain, created_at FROM users WHERE $name IS NULL OR domain = $name ORDER BY domain, address;",
                r => new UserEntry(r.GetString(0), r.GetString(1), Timestamp.Parse(r.GetString(2))),
                ("$name", name));
        });
    }

    private static string HashChecked(string password)
    {
        // A NUL would be cut by C crypt() implementations (Dovecot's among them), so the
        // hash would not mean the same thing elsewhere.
        if (string.IsNullOrEmpty(password) || password.Contains('\0'))
            throw new DirectoryException(DirectoryErrorKind.Invalid, "the password must not be empty or contain NUL characters");
        return PasswordHasher.Hash(password);
    }

    private static DirectoryException DomainNotFound(string name) =>
        new(DirectoryErrorKind.NotFound, $"domain {name} does not exist; add it with: maild domain add {name}");

    private static DirectoryException UserNotFound(string mailbox) =>
        new(DirectoryErrorKind.NotFound, $"user {mailbox} does not exist (see: maild user list {AddressSyntax.DomainOf(mailbox)})");
}
