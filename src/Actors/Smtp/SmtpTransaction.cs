using Mail.Actors.Storage;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

/// <summary>
/// One mail transaction (MAIL .. DATA end): the envelope and the body being spooled.
/// Recipients are kept once per mailbox, so "RCPT TO:&lt;a&gt;" twice delivers one copy.
/// </summary>
internal sealed class SmtpTransaction(ReversePath sender, MailParameters parameters)
{
    public ReversePath Sender { get; } = sender;

    public MailParameters Parameters { get; } = parameters;

    public List<AcceptedRecipient> Recipients { get; } = [];

    /// RCPT commands accepted so far: the recipient limit counts these, not what aliases expand to.
    public int RcptCount { get; set; }

    public string? QueueId { get; private set; }

    public IIncomingBlob? Body { get; private set; }

    /// Bytes of Return-Path and Received written before the client's data.
    public int TraceLength { get; set; }

    public bool TooBig { get; set; }

    /// Bytes the client sent (the size limit's measure; the cleanup may hold some back).
    public long ClientBytes { get; set; }

    /// For submitted mail: adds Message-ID and Date when missing.
    public SubmissionCleanup? Cleanup { get; set; }

    public bool Committing { get; set; }

    /// The same mailbox (local) or the same address (relayed) twice makes one copy.
    public bool Has(AcceptedRecipient recipient) => Recipients.Exists(r =>
        recipient.MailboxId is not null ? r.MailboxId == recipient.MailboxId : r.MailboxId is null && r.Address == recipient.Address);

    public void BeginBody(string queueId, IIncomingBlob body)
    {
        QueueId = queueId;
        Body = body;
    }

    /// Drops a half-received body (never after commit started: the commit owns the file then).
    public void Abandon()
    {
        if (!Committing)
            Body?.Discard();
        Body = null;
    }
}

/// A recipient that got 250: local with its mailbox, or relayed (MailboxId null).
internal sealed record AcceptedRecipient(SmtpAddress Address, string? MailboxId, RcptParameters Parameters)
{
    /// <summary>
    /// What one accepted RCPT adds to the envelope. A plain user or relayed address stays as the
    /// client wrote it; the targets of an expansion carry the RCPT address as their ORCPT
    /// (RFC 3461 4.2) unless the client gave one, so DSNs name the address the sender used.
    /// </summary>
    public static IEnumerable<AcceptedRecipient> From(RecipientChecked result)
    {
        var parameters = result.Parameters ?? RcptParameters.None;
        if (result.Targets is not { } targets)
        {
            yield return new AcceptedRecipient(result.Address, result.MailboxId, parameters);
            yield break;
        }
        var written = $"{result.Address.LocalPart}@{result.Address.Domain}";
        if (targets is [var only] && string.Equals(only.Address, written, StringComparison.OrdinalIgnoreCase))
        {
            yield return new AcceptedRecipient(result.Address, only.MailboxId, parameters);
            yield break;
        }
        var expanded = parameters with { OriginalRecipient = parameters.OriginalRecipient ?? new OriginalRecipient("rfc822", result.Address.ToString()) };
        foreach (var target in targets)
        {
            var at = target.Address.LastIndexOf('@');
            yield return new AcceptedRecipient(new SmtpAddress(target.Address[..at], target.Address[(at + 1)..]), target.MailboxId, expanded);
        }
    }
}
