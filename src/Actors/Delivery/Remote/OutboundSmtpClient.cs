using MailKit;
using MailKit.Net.Smtp;
using MimeKit;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Delivery.Remote;

/// <summary>
/// MailKit's SmtpClient taught to speak for a queue rather than for a user: the envelope comes
/// from the <see cref="DeliveryRequest"/> (NOTIFY, ENVID, RET), and a refused RCPT is
/// recorded instead of thrown so that one 550 does not stop the other recipients. Not
/// thread-safe: one attempt uses it at a time.
///
/// ORCPT: MailKit 4.18 builds it itself ("rfc822;" + the RCPT address, whenever it sends
/// NOTIFY) and offers no hook, so a received ORCPT that differs from the address (an alias
/// expansion) is not passed on.
/// </summary>
public sealed class OutboundSmtpClient : SmtpClient
{
    private readonly Dictionary<MailboxAddress, DeliveryRecipient> _recipients = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<MailboxAddress, SmtpResponse> _refused = new(ReferenceEqualityComparer.Instance);
    private string? _envelopeId;

    public OutboundSmtpClient(string hostName, string relay)
    {
        HostName = hostName;
        Relay = relay;
    }

    /// The MX host name this client is connected to.
    public string HostName { get; }

    /// Postfix's "host[ip]:port".
    public string Relay { get; }

    /// Why the server certificate failed "verify" during the handshake, or null.
    public string? CertificateProblem { get; internal set; }

    /// Messages sent over this connection so far.
    public int Uses { get; private set; }

    /// <summary>
    /// Sends one message and returns the fate of every recipient. Command failures (a 4xx/5xx
    /// to MAIL, every RCPT or DATA) become outcomes; protocol and I/O failures throw, and the
    /// caller must then drop the connection.
    /// </summary>
    public async Task<IReadOnlyList<RecipientOutcome>> DeliverAsync(
        DeliveryRequest request, MimeMessage message, CancellationToken ct)
    {
        _recipients.Clear();
        _refused.Clear();
        _envelopeId = request.Envelope.EnvelopeId;
        DeliveryStatusNotificationType = request.Envelope.Return switch
        {
            DsnReturn.Full => DeliveryStatusNotificationType.Full,
            DsnReturn.Headers => DeliveryStatusNotificationType.HeadersOnly,
            _ => DeliveryStatusNotificationType.Unspecified,
        };
        var mailboxes = request.Recipients.Select(r =>
        {
            var mailbox = new MailboxAddress(string.Empty, r.Address);
            _recipients[mailbox] = r;
            return mailbox;
        }).ToList();
        var sender = new MailboxAddress(string.Empty, request.Envelope.Sender);
        Uses++;

        int code;
        string text;
        try
        {
            text = await SendAsync(message, sender, mailboxes, ct);
            code = 250;
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && _refused.Count == mailboxes.Count)
        {
            return [.. mailboxes.Select(m => Refused(m, _refused[m]))];
        }
        catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            code = (int)e.StatusCode;
            text = e.Message;
        }

        var dsnSpoken = (Capabilities & SmtpCapabilities.Dsn) != 0;
        return [.. mailboxes.Select(m =>
        {
            if (_refused.TryGetValue(m, out var refused))
                return Refused(m, refused);
            var recipient = _recipients[m];
            var relayed = code / 100 == 2 && !dsnSpoken
                && recipient.Notify is { } notify && notify.HasFlag(DsnNotify.Success);
            return Outcome(recipient.Address, code, text, relayed);
        })];
    }

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        _refused[mailbox] = response;

    protected override string? GetEnvelopeId(MimeMessage message) => _envelopeId;

    protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox)
    {
        if (!_recipients.TryGetValue(mailbox, out var recipient) || recipient.Notify is not { } notify)
            return null;
        if (notify == DsnNotify.Never)
            return DeliveryStatusNotification.Never;
        var result = default(DeliveryStatusNotification);
        if (notify.HasFlag(DsnNotify.Success))
            result |= DeliveryStatusNotification.Success;
        if (notify.HasFlag(DsnNotify.Failure))
            result |= DeliveryStatusNotification.Failure;
        if (notify.HasFlag(DsnNotify.Delay))
            result |= DeliveryStatusNotification.Delay;
        return result;
    }

    private RecipientOutcome Refused(MailboxAddress mailbox, SmtpResponse response) =>
        Outcome(_recipients[mailbox].Address, (int)response.StatusCode, response.Response, relayed: false);

    private RecipientOutcome Outcome(string address, int code, string text, bool relayed) => new(
        address,
        SmtpReplyText.StatusOf(code),
        SmtpReplyText.EnhancedCode(code, text),
        SmtpReplyText.Diagnostic(code, text),
        Relay,
        HostName,
        relayed);
}
