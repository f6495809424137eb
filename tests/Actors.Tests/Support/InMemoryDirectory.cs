using Mail.Actors.Directory;

namespace Mail.Actors.Tests.Support;

/// <summary>
/// Domains, users and passwords in a dictionary. <see cref="Yield"/> makes every lookup
/// complete asynchronously, as a directory that really goes to a database would.
/// </summary>
public sealed class InMemoryDirectory : IUserDirectory
{
    private readonly HashSet<string> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _passwords = new(StringComparer.OrdinalIgnoreCase);

    public bool Yield { get; init; }

    public InMemoryDirectory WithDomain(string domain)
    {
        _domains.Add(domain);
        return this;
    }

    public InMemoryDirectory WithUser(string address, string password)
    {
        _domains.Add(address[(address.IndexOf('@') + 1)..]);
        _passwords[address] = password;
        return this;
    }

    public async ValueTask<bool> IsLocalDomainAsync(string domain, CancellationToken ct = default)
    {
        if (Yield)
            await Task.Yield();
        return _domains.Contains(domain);
    }

    public async ValueTask<string?> FindMailboxAsync(string address, CancellationToken ct = default)
    {
        if (Yield)
            await Task.Yield();
        return _passwords.ContainsKey(address) ? address.ToLowerInvariant() : null;
    }

    public async ValueTask<string?> AuthenticateAsync(string login, string password, CancellationToken ct = default)
    {
        if (Yield)
            await Task.Yield();
        return _passwords.TryGetValue(login, out var expected) && expected == password ? login.ToLowerInvariant() : null;
    }
}
