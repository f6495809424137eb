using Mail.Actors.Directory;
using System.Data.Common;

namespace Mail.Host.Directory;

/// <summary>
/// Changes to the directory, behind the <c>maild domain</c>, <c>user</c> and <c>alias</c> verbs
/// and the server's start-up seeding. Every method opens its own pooled connection and
/// commits before returning, so a running server sees the change on its next lookup.
/// Failures are DirectoryExceptions whose Message tells the admin what to do.
/// Removing a user only removes the login and the address; stored mail is not touched.
/// </summary>
public sealed partial class DirectoryAdmin
{
    private readonly DirectoryDatabase _db;
    private readonly AliasPolicy _policy;

    /// <summary>
    /// Opens (creating or migrating if needed) the directory in <paramref name="store"/>.
    /// <paramref name="policy"/> is the server's, so that new aliases are checked the way RCPT
    /// will resolve them.
    /// </summary>
    public DirectoryAdmin(DirectoryStore store, AliasPolicy? policy = null)
    {
        _db = store.Database;
        DirectorySchema.EnsureCreated(_db);
        _policy = policy ?? new AliasPolicy("", "");
    }

    /// <summary>The directory in the SQLite file at <paramref name="databasePath"/>.</summary>
    public DirectoryAdmin(string databasePath, AliasPolicy? policy = null) : this(DirectoryStore.Sqlite(databasePath), policy)
    {
    }

    /// <summary>What the database is, for messages (see <see cref="DirectoryStore.Description"/>).</summary>
    public string Database => _db.Description;

    /// <summary>
    /// A mailbox domain, or with <paramref name="aliasOf"/> an alias domain (Postfix's
    /// virtual_alias_domains with "@domain @target"): mail to anyone@domain goes to anyone@target,
    /// unless an alias of its own says otherwise. The target must be a mailbox domain.
    /// </summary>
    public void AddDomain(string domain, string? aliasOf = null)
    {
        var name = AddressSyntax.NormalizeDomain(domain);
        var target = aliasOf is null ? null : AddressSyntax.NormalizeDomain(aliasOf);
        if (target == name)
            throw new DirectoryException(DirectoryErrorKind.Invalid, $"domain {name} cannot be an alias of itself");
        _db.Run(c =>
        {
            using var tx = _db.BeginWrite(c);
            if (target is not null)
            {
                var targetKind = DomainKind(c, target) ?? throw DomainNotFound(target);
                if (targetKind.Length > 0)
                    throw new DirectoryException(DirectoryErrorKind.Invalid,
                        $"domain {target} is itself an alias of {targetKind}; use --alias-of {targetKind}");
            }
            try
            {
                Sql.Execute(c, "INSERT INTO domains(name, created_at, alias_of) VALUES (@name, @now, @target);",
                    ("@name", name), ("@now", Timestamp.Now()), ("@target", target));
            }
            catch (DbException e) when (_db.IsDuplicateKey(e))
            {
                throw new DirectoryException(DirectoryErrorKind.AlreadyExists, $"domain {name} already exists", e);
            }
            tx.Commit();
        });
    }

    /// <summary>Adds the domain unless it exists; for seeding the default domain at start.</summary>
    public void EnsureDomain(string domain)
    {
        var name = AddressSyntax.NormalizeDomain(domain);
        _db.Run(c => Sql.Execute(c, "INSERT INTO domains(name, created_at) VALUES (@name, @now)" + _db.Dialect.OnConflictIgnore("name"),
            ("@name", name), ("@now", Timestamp.Now())));
    }

    /// <summary>Refused while the domain has users, so no mailbox is orphaned by accident.</summary>
    public void RemoveDomain(string domain)
    {
        var name = AddressSyntax.NormalizeDomain(domain);
        _db.Run(c =>
        {
            // No user can be added between the count and the delete: SQLite's write transaction
            // is IMMEDIATE, and on a server the users' foreign key refuses the delete.
            using var tx = _db.BeginWrite(c);
            var users = Sql.Count(c, "SELECT COUNT(*) FROM users WHERE domain = @name;", ("@name", name));
            if (users > 0)
                throw new DirectoryException(DirectoryErrorKind.InUse,
                    $"domain {name} still has {users} user(s); remove them first (see: maild user list {name})");
            var aliases = Sql.Count(c, "SELECT COUNT(DISTINCT source) FROM aliases WHERE domain = @name;", ("@name", name));
            if (aliases > 0)
                throw new DirectoryException(DirectoryErrorKind.InUse,
                    $"domain {name} still has {aliases} alias(es); remove them first (see: maild alias list {name})");
            var aliasDomains = Sql.Query(c, "SELECT name FROM domains WHERE alias_of = @name ORDER BY name;", r => r.GetString(0), ("@name", name));
            if (aliasDomains.Count > 0)
                throw new DirectoryException(DirectoryErrorKind.InUse,
                    $"domain {name} is the target of alias domain(s) {string.Join(", ", aliasDomains)}; remove them first");
            if (Sql.Execute(c, "DELETE FROM domains WHERE name = @name;", ("@name", name)) == 0)
                throw DomainNotFound(name);
            tx.Commit();
        });
    }

    public IReadOnlyList<DomainEntry> ListDomains() => _db.Run(c =>
        Sql.Query(c,
            """
            SELECT d.name, d.created_at, (SELECT COUNT(*) FROM users u WHERE u.domain = d.name), d.alias_of,
                   (SELECT COUNT(DISTINCT a.source) FROM aliases a WHERE a.domain = d.name)
            FROM domains d ORDER BY d.name;
            """,
            r => new DomainEntry(r.GetString(0), Timestamp.Parse(r.GetString(1)), (int)Sql.Integer(r, 2),
                r.IsDBNull(3) ? null : r.GetString(3), (int)Sql.Integer(r, 4))));

    public void AddUser(string address, string password)
    {
        var mailbox = AddressSyntax.NormalizeAddress(address);
        var domain = AddressSyntax.DomainOf(mailbox);
        var hash = HashChecked(password);  // CPU work, done before taking the write lock
        _db.Run(c =>
        {
            using var tx = _db.BeginWrite(c);
            var kind = DomainKind(c, domain) ?? throw DomainNotFound(domain);
            if (kind.Length > 0)
                throw new DirectoryException(DirectoryErrorKind.Invalid,
                    $"domain {domain} is an alias of {kind}: add the user there, or an alias with: maild alias add {mailbox} ...");
            try
            {
                Sql.Execute(c, "INSERT INTO users(address, domain, password_hash, created_at) VALUES (@a, @d, @h, @now);",
                    ("@a", mailbox), ("@d", domain), ("@h", hash), ("@now", Timestamp.Now()));
            }
            catch (DbException e) when (_db.IsDuplicateKey(e))
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
        if (_db.Run(c => Sql.Execute(c, "DELETE FROM users WHERE address = @a;", ("@a", mailbox))) == 0)
            throw UserNotFound(mailbox);
    }

    public void SetPassword(string address, string password)
    {
        var mailbox = AddressSyntax.NormalizeAddress(address);
        var hash = HashChecked(password);
        if (_db.Run(c => Sql.Execute(c, "UPDATE users SET password_hash = @h WHERE address = @a;", ("@h", hash), ("@a", mailbox))) == 0)
            throw UserNotFound(mailbox);
    }

    /// <summary>All users, or those of one domain (which must exist, to catch typos).</summary>
    public IReadOnlyList<UserEntry> ListUsers(string? domain = null)
    {
        var name = domain is null ? null : AddressSyntax.NormalizeDomain(domain);
        return _db.Run(c =>
        {
            if (name is not null && Sql.Count(c, "SELECT COUNT(*) FROM domains WHERE name = @name;", ("@name", name)) == 0)
                throw DomainNotFound(name);
            return Sql.Query(c,
                $"SELECT address, domain, created_at FROM users {(name is null ? "" : "WHERE domain = @name")} ORDER BY domain, address;",
                r => new UserEntry(r.GetString(0), r.GetString(1), Timestamp.Parse(r.GetString(2))),
                ("@name", name));
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

    /// <summary>Null when the domain does not exist, "" for a mailbox domain, else the alias target.</summary>
    private static string? DomainKind(DbConnection c, string name) =>
        Sql.Query(c, "SELECT COALESCE(alias_of, '') FROM domains WHERE name = @name;", r => r.GetString(0).ToLowerInvariant(), ("@name", name))
            .FirstOrDefault();

    private static DirectoryException DomainNotFound(string name) =>
        new(DirectoryErrorKind.NotFound, $"domain {name} does not exist; add it with: maild domain add {name}");

    private static DirectoryException UserNotFound(string mailbox) =>
        new(DirectoryErrorKind.NotFound, $"user {mailbox} does not exist (see: maild user list {AddressSyntax.DomainOf(mailbox)})");
}
