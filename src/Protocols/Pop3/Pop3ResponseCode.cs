namespace Mail.Protocols.Pop3;

/// <summary>
/// Extended response codes put in brackets after "-ERR" (RFC 2449 section 8, RFC 3206),
/// so clients can tell "try later" from "wrong password" without parsing prose.
/// </summary>
public static class Pop3ResponseCode
{
    /// <summary>The maildrop is locked by another session (RFC 2449 8.1.1).</summary>
    public const string InUse = "IN-USE";

    /// <summary>Logged in too soon after the previous login (RFC 2449 8.1.2).</summary>
    public const string LoginDelay = "LOGIN-DELAY";

    /// <summary>Temporary server failure; retrying later may work (RFC 3206 4).</summary>
    public const string SysTemp = "SYS/TEMP";

    /// <summary>Permanent server failure; retrying will not help (RFC 3206 4).</summary>
    public const string SysPerm = "SYS/PERM";

    /// <summary>The credentials were wrong (RFC 3206 5), as opposed to a system problem.</summary>
    public const string Auth = "AUTH";
}
