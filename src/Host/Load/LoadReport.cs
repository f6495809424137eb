namespace Mail.Host.Load;

/// <summary>
/// The result of one run. An operation is one message in SMTP mode and one mailbox visit
/// (login, list, fetch all, logout) in POP3/IMAP mode. <see cref="Replies"/> counts each
/// operation once by the reply that decided it: the final SMTP code ("250", "451", ...), or
/// "+OK"/"-ERR" (POP3), "OK"/"NO"/"BAD" (IMAP); operations whose connection failed or timed
/// out are counted in <see cref="ConnectionErrors"/> instead.
/// </summary>
public sealed record LoadReport
{
    public required LoadMode Mode { get; init; }

    public required int Sessions { get; init; }

    public required long Operations { get; init; }

    public required long Succeeded { get; init; }

    public required double Seconds { get; init; }

    /// SMTP: from MAIL to the final 250; POP3/IMAP: one whole visit. Successful operations only.
    public required LatencySummary Latency { get; init; }

    public required IReadOnlyDictionary<string, long> Replies { get; init; }

    public required long ConnectionErrors { get; init; }

    /// POP3/IMAP: messages and bytes fetched (RETR / FETCH BODY.PEEK[] literals).
    public long FetchedMessages { get; init; }

    public long FetchedBytes { get; init; }

    /// The first connection error's text, to tell a refused port from a TLS failure.
    public string? FirstConnectionError { get; init; }

    public double PerSecond => Seconds > 0 ? Operations / Seconds : 0;

    public bool AllSucceeded => Succeeded == Operations;
}
