using Mail.Actors.Pop3;

namespace Mail.Actors.Imap;

/// Per-listener IMAP settings, from the `maild.imap` block of mail.conf.
public sealed record ImapSettings(
    string Hostname,
    PlaintextAuth PlaintextAuth,
    TimeSpan IdleTimeout,
    TimeSpan AuthFailureDelay,
    TimeSpan MailboxTimeout,
    long MaxMessageSize)
{
    /// RFC 3501 5.4: an inactivity timer of at least 30 minutes.
    public static ImapSettings Defaults(string hostname) => new(
        hostname, PlaintextAuth.Loopback, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), 50L * 1024 * 1024);

    /// Messages fetched per asynchronous step: bounds the memory one FETCH holds at a time.
    public int FetchBatch { get; init; } = 64;

    /// <summary>
    /// Output a FETCH leaves queued for the client before it reads the next batch: a client that
    /// asks for "1:* BODY[]" and reads slowly (or never) holds the server to this much, not to the
    /// whole folder. One that reads nothing for <see cref="IdleTimeout"/> is disconnected.
    /// </summary>
    public long FetchQueueLimit { get; init; } = 1024 * 1024;
}
