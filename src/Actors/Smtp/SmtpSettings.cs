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
    Mail.Protocols.Smtp.BareLinefeedPolicy BareLinefeeds = Mail.Protocols.Smtp.BareLinefeedPolicy.Normalize,
    bool Chunking = false,
    bool SmtpUtf8 = false)
{
    public static SmtpSettings Defaults(string hostname) => new(
        hostname, 10_240_000, 1000, TimeSpan.FromSeconds(300), 20, TimeSpan.FromSeconds(60));

    /// Clients in mynetworks may relay (Postfix permit_mynetworks); none when not configured.
    public bool MayRelay(System.Net.IPAddress client) => IsTrustedClient?.Invoke(client) ?? false;
}
