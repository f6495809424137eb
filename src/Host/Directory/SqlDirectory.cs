using System.Data.Common;
using Mail.Actors.Directory;
namespace Mail.Host.Directory;

/// <summary>
/// The server's view of the directory database, shared by all session actors. Every lookup
/// sees the directory as it is now, so a <c>maild user add</c> in another process is visible
/// to the very next RCPT TO or login. On SQLite, RCPT TO resolutions are cached for as long as
/// the file's data_version stays the same (one prepared PRAGMA per lookup instead of a query
/// per alias level); a server database is asked every time.
/// </summary>
/// <remarks>
/// The methods complete synchronously. Microsoft.Data.Sqlite's async methods run
/// synchronously anyway, a lookup on a server database is one round trip on a pooled
/// connection, and password hashing is CPU work, so a ValueTask that is
/// already complete costs no allocation and hides nothing. Storage failures surface as
/// DirectoryException (Kind = Storage), which sessions should answer with a 4xx.
/// </remarks>
public sealed class SqlDirectory : IUserDirectory
{
    // Verified against when the login is unknown, so that "no such user" costs the same
    // 5000 SHA-512 rounds as "wrong password" and response time doesn't reveal users.
    private static readonly string DummyHash = PasswordHasher.Hash(Guid.NewGuid().ToString());

    private readonly DirectoryDatabase _db;
    private readonly AliasPolicy _policy;
    private ResolutionCache _resolved = new(-1);

    /// <summary>
    /// Opens (creating or migrating if needed) the directory in <paramref name="store"/>.
    /// Without a <paramref name="policy"/>, postmaster@ and abuse@ have no default.
    /// </summary>
    public SqlDirectory(DirectoryStore store, AliasPolicy? policy = null)
    {
        _db = store.Database;
        DirectorySchema.EnsureCreated(_db);
        _policy = policy ?? new AliasPolicy("", "");
    }

    /// <summary>The directory in the SQLite file at <paramref name="databasePath"/>.</summary>
    public SqlDirectory(string databasePath, AliasPolicy? policy = null) : this(DirectoryStore.Sqlite(databasePath), policy)
    {
    }

    /// <summary>
    /// Alias expansion (see <see cref="AliasExpansion"/>) on one pooled connection, one
    /// statement per level, unless the same address was resolved since the directory last
    /// changed: <c>maild alias add</c> still applies at the next RCPT.
    /// </summary>
    public ValueTask<RecipientResolution> ResolveAsync(string address, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (_db.ChangeVersion() is not { } version)
            return ValueTask.FromResult(_db.Read(c => Resolve(c, address, _policy, ct)));
        // The version is read before the query: a change landing in between leaves a result
        // kept under the old version, which the next lookup drops with the whole cache.
        var cache = _resolved;
        if (cache.Version != version)
            _resolved = cache = new ResolutionCache(version);
        if (cache.TryGet(address, out var known))
            return ValueTask.FromResult(known);
        var resolution = _db.Read(c => Resolve(c, address, _policy, ct));
        cache.Add(address, resolution);
        return ValueTask.FromResult(resolution);
    }

    /// <summary>Shared with DirectoryAdmin, which checks new aliases inside its transaction.</summary>
    internal static RecipientResolution Resolve(DbConnection c, string address, AliasPolicy policy, CancellationToken ct)
    {
        if (!AddressSyntax.TryNormalizeAddress(address, out var canonical, out _))
        {
            // A quoted or otherwise unusual local part can be no user or alias of ours.
            var at = address.LastIndexOf('@');
            if (at < 0 || !AddressSyntax.TryNormalizeDomain(address[(at + 1)..], out var domain, out _))
                return RecipientResolution.NotLocal.Instance;
            return DirectoryFactsQuery.Fetch(c, [], [domain]).Domains.Count > 0
                ? RecipientResolution.UnknownUser.Instance
                : RecipientResolution.NotLocal.Instance;
        }
        // The fetch completes synchronously, so the expansion does too.
        var resolution = AliasExpansion.ResolveAsync(canonical, policy,
            (addresses, domains, _) => ValueTask.FromResult(DirectoryFactsQuery.Fetch(c, addresses, domains)), ct);
        return resolution.IsCompleted ? resolution.Result : resolution.AsTask().GetAwaiter().GetResult();
    }

    public ValueTask<bool> IsLocalDomainAsync(string domain, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (!AddressSyntax.TryNormalizeDomain(domain, out var name, out _)) return ValueTask.FromResult(false);
        var found = _db.Read(c => Sql.FirstString(c, "SELECT name FROM domains WHERE name = @name;", ("@name", name)));
        return ValueTask.FromResult(found is not null);
    }

    public ValueTask<string?> FindMailboxAsync(string address, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (!AddressSyntax.TryNormalizeAddress(address, out var mailbox, out _)) return ValueTask.FromResult<string?>(null);
        return ValueTask.FromResult(
            _db.Read(c => Sql.FirstString(c, "SELECT address FROM users WHERE address = @a;", ("@a", mailbox))));
    }

    public ValueTask<bool?> SenderLoginCheckAsync(string mailbox, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (!AddressSyntax.TryNormalizeAddress(mailbox, out var address, out _)) return ValueTask.FromResult<bool?>(null);
        return ValueTask.FromResult(_db.Read(c => Sql.Query(c,
            """
            SELECT COALESCE(u.sender_login_check, d.sender_login_check)
            FROM users u JOIN domains d ON d.name = u.domain WHERE u.address = @a;
            """,
            r => Sql.NullableInteger(r, 0) is { } v ? v != 0 : (bool?)null, ("@a", address)).FirstOrDefault()));
    }

    public ValueTask<string?> AuthenticateAsync(string login, string password, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        string? mailbox = null, stored = null;
        if (AddressSyntax.TryNormalizeAddress(login, out var candidate, out _))
        {
            stored = _db.Read(c => Sql.FirstString(c, "SELECT password_hash FROM users WHERE address = @a;", ("@a", candidate)));
            mailbox = candidate;
        }

        // Always verify something, then decide: the branch is taken after the costly part.
        var matches = PasswordHasher.Verify(password ?? "", stored ?? DummyHash);
        return ValueTask.FromResult(matches && stored is not null ? mailbox : null);
    }
}
