namespace Mail.Host.Directory;  // (will become Mail.Actors.Directory)

/// <summary>
/// What the protocol sessions ask about users: RCPT TO (is the domain ours, does the
/// mailbox exist) and AUTH/LOGIN. Implementations are called concurrently from many
/// session actors and must be thread-safe. Addresses are matched case-insensitively,
/// local part included, and the returned mailbox id is always lower case.
/// </summary>
public interface IUserDirectory
{
    /// True when mail for this domain is delivered here (a local/virtual domain).
    ValueTask<bool> IsLocalDomainAsync(string domain, CancellationToken ct = default);
    /// The canonical mailbox id ("local@domain", lower case) when the address is a local user, else null.
    ValueTask<string?> FindMailboxAsync(string address, CancellationToken ct = default);
    /// The canonical mailbox id when the login and password match, else null. Login is the full address.
    ValueTask<string?> AuthenticateAsync(string login, string password, CancellationToken ct = default);
}
