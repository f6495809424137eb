namespace Mail.Actors.Pop3;

/// When USER/PASS and AUTH PLAIN may be used on a connection without TLS.
public enum PlaintextAuth
{
    Never,
    Loopback,
    Always,
}

/// Per-listener POP3 settings, from the `maild.pop3` block of mail.conf.
public sealed record Pop3Settings(
    string Hostname,
    PlaintextAuth PlaintextAuth,
    TimeSpan IdleTimeout,
    TimeSpan AuthFailureDelay,
    TimeSpan MailboxTimeout)
{
    /// How often a session in TRANSACTION tells its mailbox it is still there (KeepMaildrop),
    /// well inside the mailbox's passivation time.
    public TimeSpan MaildropKeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    public static Pop3Settings Defaults(string hostname) => new(
        hostname, PlaintextAuth.Loopback, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
}
