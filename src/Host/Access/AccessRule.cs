namespace Mail.Host.Access;

/// What a rule is matched against (Postfix check_client_access, check_helo_access, check_sender_access, check_recipient_access).
public enum AccessKind
{
    Client,
    Helo,
    Sender,
    Recipient,
}

public enum AccessAction
{
    Ok,
    Reject,
    Defer,
}

/// <summary>
/// One row of the access table. Patterns: a client is an address or a CIDR network; a HELO name
/// or a domain matches itself and its subdomains; an address pattern is "user@domain", "domain"
/// (and subdomains), "user@" (that local part in any domain), or "&lt;&gt;" for the null sender.
/// </summary>
public sealed record AccessRule(AccessKind Kind, string Pattern, AccessAction Action, string? Message, DateTimeOffset CreatedAt);
