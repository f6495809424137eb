using Mail.Protocols.Smtp;

namespace Mail.Actors.Delivery;

/// <summary>What a recipient queue learns from one delivery attempt.</summary>
public enum DeliveryStatus
{
    /// 2xx from the next hop, or durable in the local mailbox.
    Delivered,

    /// 4xx, no answer, connection or DNS trouble: try again later.
    Deferred,

    /// 5xx or a permanent DNS answer (no such domain, null MX): bounce.
    Failed,
}

/// <summary>
/// The envelope of a queued message, as received (RFC 5321 MAIL FROM and its RFC 3461/6531/6152
/// parameters). <paramref name="Sender"/> is "" for the null reverse path &lt;&gt;.
/// </summary>
public sealed record Envelope(
    string Sender,
    string? EnvelopeId = null,
    DsnReturn? Return = null,
    bool SmtpUtf8 = false,
    SmtpBodyType? Body = null);

/// <summary>
/// One recipient of a delivery request. <paramref name="MailboxId"/> and <paramref name="BlobId"/>
/// are set only for local recipients: each mailbox owns its own copy of the body.
/// </summary>
public sealed record DeliveryRecipient(
    string Address,
    DsnNotify? Notify = null,
    OriginalRecipient? OriginalRecipient = null,
    string? MailboxId = null,
    string? BlobId = null);

/// <summary>
/// Sent by a recipient queue to a delivery agent (local, or the remote destination of
/// <paramref name="Hop"/>): deliver <paramref name="BlobId"/> to these recipients and answer
/// the sender with one <see cref="DeliveryReport"/> naming every recipient. Agents never throw
/// at the queue: every trouble becomes a Deferred or Failed outcome.
/// </summary>
/// <param name="Hop">"local", or "smtp:" + the lower-case recipient domain.</param>
/// <param name="Arrival">When the message was first accepted (for delay= in logs and DSNs).</param>
/// <param name="Attempt">The queue's number for this attempt, echoed in the report, so a late
/// report of an attempt the queue gave up waiting for is told apart from the current one.</param>
/// <param name="NotAfter">An agent that has not started the attempt by then answers Deferred
/// at once instead (the queue has stopped waiting and will try again).</param>
public sealed record DeliveryRequest(
    string QueueId,
    string Hop,
    Envelope Envelope,
    string BlobId,
    long Size,
    DateTimeOffset Arrival,
    IReadOnlyList<DeliveryRecipient> Recipients,
    int Attempt = 0,
    DateTimeOffset? NotAfter = null)
{
    /// The answer to this request.
    public DeliveryReport Report(IReadOnlyList<RecipientOutcome> outcomes) => new(QueueId, Hop, outcomes, Attempt);

    /// The same temporary failure for every recipient.
    public DeliveryReport DeferAll(string dsn, string diagnostic) =>
        Report([.. Recipients.Select(r => new RecipientOutcome(r.Address, DeliveryStatus.Deferred, dsn, diagnostic))]);
}

/// <summary>
/// The result for one recipient. <paramref name="Dsn"/> is the enhanced status code
/// ("2.0.0", "4.4.1", "5.1.1"); <paramref name="Diagnostic"/> the remote reply
/// ("550 5.1.1 &lt;a@b&gt;: User unknown") or our own explanation ("connect to mx.b[127.0.0.2]:25:
/// Connection refused"). <paramref name="Relay"/> is Postfix's "host[ip]:port" or "none";
/// <paramref name="RemoteMta"/> the host name that answered, when one did.
/// <paramref name="Relayed"/>: delivered to a next hop that does not speak DSN (RFC 3461
/// "relayed", for NOTIFY=SUCCESS).
/// </summary>
public sealed record RecipientOutcome(
    string Address,
    DeliveryStatus Status,
    string Dsn,
    string Diagnostic,
    string Relay = "none",
    string? RemoteMta = null,
    bool Relayed = false);

/// <summary>The answer to a <see cref="DeliveryRequest"/>: one outcome per requested recipient.</summary>
public sealed record DeliveryReport(string QueueId, string Hop, IReadOnlyList<RecipientOutcome> Outcomes, int Attempt = 0);

/// <summary>Next-hop names shared by the queue, the agents and the admin tools.</summary>
public static class NextHop
{
    public const string Local = "local";

    public const string SmtpPrefix = "smtp:";

    public static string ForDomain(string domain) => SmtpPrefix + domain.ToLowerInvariant();

    public static bool IsRemote(string hop) => hop.StartsWith(SmtpPrefix, StringComparison.Ordinal);

    public static string Domain(string hop) => hop[SmtpPrefix.Length..];
}
