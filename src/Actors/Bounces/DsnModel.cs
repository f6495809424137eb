using Mail.Protocols.Smtp;

namespace Mail.Actors.Bounces;

/// <summary>RFC 3464 2.3.3 Action of one recipient in a delivery status notification.</summary>
public enum DsnAction
{
    Failed,
    Delayed,
    Delivered,
    Relayed,
}

/// <summary>
/// One recipient's block of a DSN. <paramref name="Status"/> is the enhanced code ("5.1.1");
/// <paramref name="Diagnostic"/> the remote reply or our explanation, without the "smtp;" type.
/// </summary>
public sealed record DsnRecipient(
    string Address,
    OriginalRecipient? OriginalRecipient,
    DsnAction Action,
    string Status,
    string Diagnostic,
    string? RemoteMta,
    DateTimeOffset LastAttempt,
    DateTimeOffset? WillRetryUntil = null);

/// <summary>
/// Everything a DSN says about one message. All recipients share one <see cref="DsnAction"/> class
/// of notice (failures, delays or successes are separate DSNs, as in Postfix).
/// </summary>
/// <param name="ReportingMta">Our host name (Reporting-MTA: dns; ...; From: MAILER-DAEMON@...).</param>
/// <param name="Recipient">Who gets the DSN: the original envelope sender.</param>
/// <param name="Return">RET= of the original message; null means headers only.</param>
public sealed record DsnRequest(
    string ReportingMta,
    string QueueId,
    string Recipient,
    string? EnvelopeId,
    DsnReturn? Return,
    DateTimeOffset ArrivalDate,
    IReadOnlyList<DsnRecipient> Recipients);
