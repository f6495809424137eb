namespace Mail.Actors.Directory;

/// <summary>
/// What one RCPT address means here, after virtual alias expansion (Postfix's
/// virtual_alias_maps and virtual_alias_domains, then virtual_mailbox_maps).
/// </summary>
public abstract record RecipientResolution
{
    private RecipientResolution()
    {
    }

    /// <summary>
    /// Mail for the address goes to these targets (at least one, without duplicates): local
    /// mailboxes and, through aliases, remote addresses. <paramref name="Dropped"/> names the
    /// alias members that lead nowhere (a local address with no user or alias), for the log.
    /// </summary>
    public sealed record Deliver(IReadOnlyList<ResolvedTarget> Targets, IReadOnlyList<string> Dropped) : RecipientResolution;

    /// <summary>The domain is ours (a mailbox or alias domain) but nothing matches the address.</summary>
    public sealed record UnknownUser : RecipientResolution
    {
        public static UnknownUser Instance { get; } = new();
    }

    /// <summary>Not one of our domains: relaying, if the client may.</summary>
    public sealed record NotLocal : RecipientResolution
    {
        public static NotLocal Instance { get; } = new();
    }

    /// <summary>
    /// The aliases loop, nest too deep or expand to too many addresses: an admin has to fix
    /// them, so the client is told to try again later (Postfix defers such mail too).
    /// <paramref name="Reason"/> is for the log, never for the client.
    /// </summary>
    public sealed record ExpansionError(string Reason) : RecipientResolution;
}

/// <summary>
/// One final recipient: <paramref name="Address"/> canonical ("local@domain", lower case);
/// <paramref name="MailboxId"/> for a local mailbox, null for a remote address to relay to.
/// </summary>
public sealed record ResolvedTarget(string Address, string? MailboxId);
