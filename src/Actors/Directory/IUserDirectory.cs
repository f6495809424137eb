namespace Mail.Actors.Directory;

/// <summary>
/// Read side of the directory (domains, users) as the sessions need it. Implementations are
/// thread-safe and called concurrently from many sessions, so lookups are plain async calls
/// (piped back to the actor) rather than a single directory actor that would serialize them.
/// </summary>
public interface IUserDirectory
{
    /// True when mail for this domain is delivered here (a local/virtual domain).
    ValueTask<bool> IsLocalDomainAsync(string domain, CancellationToken ct = default);

    /// The canonical mailbox id ("local@domain", lower case) when the address is a local user, else null.
    ValueTask<string?> FindMailboxAsync(string address, CancellationToken ct = default);

    /// <summary>
    /// What mail for one RCPT address becomes here: its final targets after alias expansion
    /// (local mailboxes and remote addresses), "unknown user" in one of our domains, "not a local
    /// domain", or an expansion error (loop, limits). See <see cref="AliasExpansion"/> for the rules.
    /// </summary>
    ValueTask<RecipientResolution> ResolveAsync(string address, CancellationToken ct = default);

    /// <summary>
    /// Whether this user may send only as its own addresses (Postfix reject_sender_login_mismatch
    /// with smtpd_sender_login_maps): the user's own setting, else its domain's, else null for
    /// "as configured" (maild.smtp.reject-sender-login-mismatch). The SMTP session asks once.
    /// </summary>
    ValueTask<bool?> SenderLoginCheckAsync(string mailbox, CancellationToken ct = default);

    /// The canonical mailbox id when the login and password match, else null. Login is the full address.
    ValueTask<string?> AuthenticateAsync(string login, string password, CancellationToken ct = default);
}
