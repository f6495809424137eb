using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

/// <summary>
/// Result of the directory lookup for one RCPT TO, piped back to the session. Accepted when
/// <paramref name="Accepted"/>: local with a <paramref name="MailboxId"/>, remote (relayed) without.
/// </summary>
internal sealed record RecipientChecked(SmtpAddress Address, SmtpReply Reply, bool Accepted, string? MailboxId, RcptParameters? Parameters = null);

/// Body is durable in every mailbox or queue.
internal sealed record MessageCommitted(string QueueId, IReadOnlyList<Mail.Actors.Intake.IntakeDisposition> Dispositions);

internal sealed record CommitFailed(string QueueId, Exception Cause);
