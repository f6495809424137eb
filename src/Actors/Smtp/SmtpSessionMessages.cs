using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

/// <summary>
/// Result of the directory lookup for one RCPT TO, piped back to the session. Accepted when
/// <paramref name="Accepted"/>: local with a <paramref name="MailboxId"/>, remote (relayed) without,
/// or, when <see cref="Targets"/> is set, whatever the address expanded to.
/// </summary>
internal sealed record RecipientChecked(SmtpAddress Address, SmtpReply Reply, bool Accepted, string? MailboxId, RcptParameters? Parameters = null)
{
    /// The final recipients of an address of ours, after alias expansion.
    public IReadOnlyList<Mail.Actors.Directory.ResolvedTarget>? Targets { get; init; }

    /// For the log only: alias members that lead nowhere, or why an expansion failed.
    public IReadOnlyList<string> Dropped { get; init; } = [];

    public string? LogDetail { get; init; }
}

/// Body is durable in every mailbox or queue.
internal sealed record MessageCommitted(string QueueId, IReadOnlyList<Mail.Actors.Intake.IntakeDisposition> Dispositions);

internal sealed record CommitFailed(string QueueId, Exception Cause);
