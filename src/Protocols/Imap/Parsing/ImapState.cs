namespace Mail.Protocols.Imap;

/// <summary>The states of an IMAP connection (RFC 3501 section 3).</summary>
public enum ImapState
{
    /// <summary>After the greeting, before LOGIN or AUTHENTICATE.</summary>
    NotAuthenticated,

    /// <summary>Logged in, no mailbox selected.</summary>
    Authenticated,

    /// <summary>A mailbox was selected with SELECT or EXAMINE.</summary>
    Selected,

    /// <summary>After LOGOUT (or a server shutdown): the connection closes; no command is valid.</summary>
    Logout,
}
