using Mail.Actors.Directory;

namespace Mail.Actors.Tests.Support;

/// <summary>
/// Domains, users, passwords and aliases in dictionaries, expanded by the same
/// <see cref="AliasExpansion"/> as the SQL directory. <see cref="Yield"/> makes every lookup
/// complete asynchronously, as a directory that really goes to a database would.
/// </summary>
public sealed class InMemoryDirectory : IUserDirectory
{
    private readonly Dictionary<string, string?> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _passwords = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _aliases = new(StringComparer.OrdinalIgnoreCase);

    public bool Yield { get; init; }

    /// Postmaster default and limits; by default postmaster@ and abuse@ go to postmaster@example.com.
    public AliasPolicy Policy { get; init; } = new("postmaster@example.com", "mx.test");

    private readonly Dictionary<string, bool> _senderLoginChecks = new(StringComparer.OrdinalIgnoreCase);

    /// The sender login check of one user ("a@b") or domain ("b"), as `maild user|domain set` stores it.
    public InMemoryDirectory WithSenderLoginCheck(string userOrDomain, bool check)
    {
        _senderLoginChecks[userOrDomain] = check;
        return this;
    }

    private int _senderLoginCheckCalls;

    public int SenderLoginCheckCalls => Volatile.Read(ref _senderLoginCheckCalls);

    public async ValueTask<bool?> SenderLoginCheckAsync(string mailbox, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _senderLoginCheckCalls);
        if (Yield)
            await Task.Yield();
        if (_senderLoginChecks.TryGetValue(mailbox, out var user))
            return user;
        return _senderLoginChecks.TryGetValue(mailbox[(mailbox.IndexOf('@') + 1)..], out var domain) ? domain : null;
    }

    public InMemoryDirectory WithDomain(string domain)
    {
        _domains[domain] = null;
        return this;
    }

    public InMemoryDirectory WithAliasDomain(string domain, string target)
    {
        _domains[domain] = target;
        return this;
    }

    public InMemoryDirectory WithUser(string address, string password)
    {
        _domains.TryAdd(address[(address.IndexOf('@') + 1)..], null);
        _passwords[address] = password;
        return this;
    }

    /// An alias ("local@domain" or "@domain") to one or more destinations.
    public InMemoryDirectory WithAlias(string source, params string[] destinations)
    {
        if (!_aliases.TryGetValue(source, out var list))
            _aliases[source] = list = [];
        list.AddRange(destinations.Select(d => d.ToLowerInvariant()));
        return this;
    }

    public async ValueTask<bool> IsLocalDomainAsync(string domain, CancellationToken ct = default)
    {
        if (Yield)
            await Task.Yield();
        return _domains.ContainsKey(domain);
    }

    public async ValueTask<string?> FindMailboxAsync(string address, CancellationToken ct = default)
    {
        if (Yield)
            await Task.Yield();
        return _passwords.ContainsKey(address) ? address.ToLowerInvariant() : null;
    }

    public ValueTask<RecipientResolution> ResolveAsync(string address, CancellationToken ct = default) =>
        AliasExpansion.ResolveAsync(address.ToLowerInvariant(), Policy, FetchAsync, ct);

    public async ValueTask<string?> AuthenticateAsync(string login, string password, CancellationToken ct = default)
    {
        if (Yield)
            await Task.Yield();
        return _passwords.TryGetValue(login, out var expected) && expected == password ? login.ToLowerInvariant() : null;
    }

    private async ValueTask<DirectoryFacts> FetchAsync(IReadOnlyCollection<string> addresses, IReadOnlyCollection<string> domains, CancellationToken ct)
    {
        if (Yield)
            await Task.Yield();
        var ours = domains.Where(_domains.ContainsKey).ToDictionary(d => d, d => _domains[d]?.ToLowerInvariant());
        var users = addresses.Where(_passwords.ContainsKey).ToHashSet();
        var aliases = addresses.Concat(domains.Select(d => "@" + d))
            .Where(_aliases.ContainsKey)
            .ToDictionary(s => s, s => (IReadOnlyList<string>)_aliases[s]);
        return new DirectoryFacts(ours, users, aliases);
    }
}
