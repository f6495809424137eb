using System.Net;

namespace Mail.Actors.Delivery.Remote;

/// <summary>How much TLS the client insists on (Postfix smtp_tls_security_level).</summary>
public enum TlsPolicy
{
    /// Plain text, even when STARTTLS is offered.
    None,

    /// STARTTLS when offered, any certificate (opportunistic; Postfix "may").
    May,

    /// STARTTLS required, any certificate (Postfix "encrypt").
    Encrypt,

    /// STARTTLS required and the certificate must validate for the MX host name (Postfix "verify").
    Verify,
}

/// <summary>
/// Tunables of the outbound SMTP client (Postfix smtp(8) and its qmgr concurrency knobs).
/// </summary>
/// <param name="Hostname">Our EHLO name (Postfix myhostname).</param>
/// <param name="DnsServers">Resolvers to ask; empty means the system resolver.</param>
/// <param name="SmtpPort">Port of every MX (25; tests point it at a loopback port).</param>
/// <param name="ConnectTimeout">TCP connect plus greeting (smtp_connect_timeout, 30s).</param>
/// <param name="CommandTimeout">Any one command reply (smtp_*_timeout, 300s).</param>
/// <param name="DestinationConcurrency">Most parallel attempts per next hop (default_destination_concurrency_limit, 20).</param>
/// <param name="InitialConcurrency">Where slow start begins (initial_destination_concurrency, 5).</param>
/// <param name="ConnectionReuseTime">How long an idle connection is kept for the next message (smtp_connection_cache_time_limit, 2s).</param>
/// <param name="MaxReuse">Messages per connection before it is closed (smtp_connection_reuse_count_limit, 100).</param>
/// <param name="TlsPolicy">Default TLS policy (smtp_tls_security_level, may).</param>
/// <param name="PerDestinationTls">TLS policy by recipient domain (smtp_tls_policy_maps); overrides <paramref name="TlsPolicy"/>.</param>
/// <param name="DnsTimeout">One DNS query (10s).</param>
/// <param name="DestinationIdleTime">A destination with nothing queued, in flight or cached stops after this (60s).</param>
public sealed record RemoteDeliverySettings(
    string Hostname,
    IReadOnlyList<IPEndPoint> DnsServers,
    int SmtpPort,
    TimeSpan ConnectTimeout,
    TimeSpan CommandTimeout,
    int DestinationConcurrency,
    int InitialConcurrency,
    TimeSpan ConnectionReuseTime,
    int MaxReuse,
    TlsPolicy TlsPolicy,
    IReadOnlyDictionary<string, TlsPolicy> PerDestinationTls,
    TimeSpan DnsTimeout,
    TimeSpan DestinationIdleTime)
{
    public static RemoteDeliverySettings Defaults(string hostname) => new(
        Hostname: hostname,
        DnsServers: [],
        SmtpPort: 25,
        ConnectTimeout: TimeSpan.FromSeconds(30),
        CommandTimeout: TimeSpan.FromSeconds(300),
        DestinationConcurrency: 20,
        InitialConcurrency: 5,
        ConnectionReuseTime: TimeSpan.FromSeconds(2),
        MaxReuse: 100,
        TlsPolicy: TlsPolicy.May,
        PerDestinationTls: new Dictionary<string, TlsPolicy>(StringComparer.OrdinalIgnoreCase),
        DnsTimeout: TimeSpan.FromSeconds(10),
        DestinationIdleTime: TimeSpan.FromSeconds(60));

    public TlsPolicy TlsFor(string domain) =>
        PerDestinationTls.TryGetValue(domain, out var policy) ? policy : TlsPolicy;
}
