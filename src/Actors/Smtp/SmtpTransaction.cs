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
internal sealed record AcceptedRecipient(SmtpAddress Address, string? MailboxId, RcptParameters Parameters);
