namespace Mail.Actors.Metrics;

/// <summary>
/// Asked of a session actor by `maild sessions`; it answers <see cref="SessionInfo"/> at once,
/// even while a command waits (the answer is read from its fields, nothing is awaited).
/// </summary>
public sealed class GetSessionInfo
{
    public static readonly GetSessionInfo Instance = new();
    private GetSessionInfo() { }
}

/// <summary>
/// One live connection as an admin sees it. <paramref name="User"/> is null until a login
/// (AUTH, USER/PASS, LOGIN) succeeds; <paramref name="State"/> is the protocol state machine's
/// current state ("RcptGiven", "Transaction", "Selected"); <paramref name="Secure"/> is true
/// once TLS is up.
/// </summary>
public sealed record SessionInfo(
    string Protocol,
    string Client,
    string Local,
    string? User,
    string State,
    bool Secure,
    DateTimeOffset Since,
    string Path = "");
