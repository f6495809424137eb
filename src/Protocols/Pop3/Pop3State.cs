namespace Mail.Protocols.Pop3;

/// <summary>The three states of a POP3 session (RFC 1939 section 3).</summary>
public enum Pop3State
{
    /// <summary>Before login: the client identifies itself.</summary>
    Authorization,

    /// <summary>Logged in, maildrop locked: the client reads and marks messages.</summary>
    Transaction,

    /// <summary>After QUIT in TRANSACTION: deletions are committed and the connection closes. No command is valid.</summary>
    Update,
}
