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
