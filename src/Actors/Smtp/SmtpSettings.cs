namespace Mail.Actors.Smtp;

/// Per-listener SMTP settings, read from the `maild.smtp` block of mail.conf.
public sealed record SmtpSettings(
    string Hostname,
    long MaxMessageSize,
    int MaxRecipients,
    TimeSpan IdleTimeout,
    int HardErrorLimit,
    TimeSpan CommitTimeout,
    Func<System.Net.IPAddress, bool>? IsTrustedClient = null,
    Mail.Actors.Pop3.PlaintextAuth PlaintextAuth = Mail.Actors.Pop3.PlaintextAuth.Never,
    TimeSpan AuthFailureDelay = default,
    int AuthFailureLimit = 3,
    bool RejectSenderLoginMismatch = true,
    IReadOnlyList<SmtpRestriction>? OptionalRestrictions = null,
    Mail.Protocols.Smtp.BareLinefeedPolicy BareLinefeeds = Mail.Protocols.Smtp.BareLinefeedPolicy.Normalize,
    bool Chunking = false,
    bool SmtpUtf8 = false,
    bool SubmissionRequiresAuth = true)
{
    /// The optional checks in the order the admin listed them.
    public IReadOnlyList<SmtpRestriction> Restrictions => OptionalRestrictions ?? [];

    public static SmtpSettings Defaults(string hostname) => new(
        hostname, 10_240_000, 1000, TimeSpan.FromSeconds(300), 20, TimeSpan.FromSeconds(60));

    /// Which listener this session serves (port 25, 587 or 465); logged, and later used for AUTH rules.
    public SmtpRole Role { get; init; } = SmtpRole.Mta;

    /// <summary>Longest command line, CRLF included (RFC 5321 4.5.3.1.4); AUTH lines may be longer (RFC 4954).</summary>
    public int MaxCommandLine { get; init; } = 512;

    /// <summary>Longest text line in DATA, CRLF included (RFC 5321 4.5.3.1.6).</summary>
    public int MaxTextLine { get; init; } = 1000;

    /// <summary>Refuse a message with a longer text line at its end (500 5.5.2); by default it is stored whole.</summary>
    public bool RejectLongTextLines { get; init; }

    /// <summary>
    /// How long the MTA listener holds its banner back to catch clients that talk first
    /// (Postfix postscreen_greet_wait); zero turns the test off. Never on submission ports,
    /// never for mynetworks.
    /// </summary>
    public TimeSpan GreetWait { get; init; }

    /// <summary>What happens to a client that talked before the banner (postscreen_greet_action).</summary>
    public PregreetAction GreetAction { get; init; } = PregreetAction.Ignore;

    /// Clients in mynetworks may relay (Postfix permit_mynetworks); none when not configured.
    public bool MayRelay(System.Net.IPAddress client) => IsTrustedClient?.Invoke(client) ?? false;
}

/// What an SMTP listener is for (RFC 8314 names the ports).
public enum SmtpRole
{
    /// Port 25: mail from other servers (and trusted clients); STARTTLS offered.
    Mta,

    /// Port 587: message submission by users' mail programs; STARTTLS offered.
    Submission,

    /// Port 465: submission over implicit TLS (the handshake comes before the greeting).
    SubmissionTls,
}

/// <summary>Postfix postscreen_greet_action: what to do with a client that spoke before the banner.</summary>
public enum PregreetAction
{
    /// Log it, and carry on as if nothing had happened.
    Ignore,

    /// Log it, carry on, but refuse every RCPT with 550 5.5.1 Protocol error.
    Enforce,

    /// Log it, answer 521 5.5.1 Protocol error and close.
    Drop,
}
