using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

/// Result of the directory lookup for one RCPT TO, piped back to the session.
internal sealed record RecipientChecked(SmtpAddress Address, SmtpReply Reply, string? MailboxId);

/// Body is durable and every mailbox acknowledged it.
internal sealed record MessageCommitted(string QueueId);

internal sealed record CommitFailed(string QueueId, Exception Cause);
