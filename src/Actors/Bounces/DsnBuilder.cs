using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace Mail.Actors.Bounces;

// Builds RFC 3464 delivery status notifications the way Postfix's bounce(8) writes them: a
// multipart/report (RFC 6522) of a Postfix-worded text part, the machine-readable
// message/delivery-status, and the original message or its headers. Pure: it reads only the
// given stream and the clock it is handed. Deciding whether and to whom to send a DSN (NOTIFY=,
// never to the null sender) is the caller's business.
public static partial class DsnBuilder
{
    /// <summary>
    /// Builds the DSN for <paramref name="request"/>. Write it with CRLF line ends
    /// (<c>FormatOptions</c> with <c>NewLineFormat.Dos</c>) and do not <c>Prepare</c> it: the
    /// returned headers are 8-bit when the original's were.
    /// </summary>
    /// <param name="request">
    /// The notice. Its <see cref="DsnRequest.Recipient"/> must be a real address: a message from
    /// the null sender (MAIL FROM:&lt;&gt;) must never be bounced (RFC 5321 4.5.5), and the caller
    /// checks that before asking for a DSN.
    /// </param>
    /// <param name="original">
    /// The message as stored (our trace headers, then the client's message), read from its current
    /// position; null when it is gone, and the DSN then has no third part. Not disposed.
    /// </param>
    /// <param name="bounceSizeLimit">
    /// Largest original returned whole for RET=FULL (Postfix's bounce_size_limit); a larger one is
    /// returned as headers only.
    /// </param>
    /// <param name="now">The DSN's Date; the current time when null.</param>
    /// <exception cref="ArgumentException">
    /// The recipient is empty or "&lt;&gt;", there are no recipients, their actions mix failures,
    /// delays and successes, or a status is not an RFC 3463 code.
    /// </exception>
    public static MimeMessage Build(DsnRequest request, Stream? original, long bounceSizeLimit = 50_000, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(bounceSizeLimit);
        var kind = Validate(request);
        var date = now ?? DateTimeOffset.Now;

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Mail Delivery System", $"MAILER-DAEMON@{request.ReportingMta}"));
        message.To.Add(new MailboxAddress(string.Empty, request.Recipient));
        message.Subject = kind switch
        {
            DsnAction.Failed => "Undelivered Mail Returned to Sender",
            DsnAction.Delayed => "Delayed Mail (still being retried)",
            _ => "Successful Mail Delivery Report",
        };
        message.Date = date;
        message.MessageId = MimeUtils.GenerateMessageId(request.ReportingMta);
        message.Headers.Add("Auto-Submitted", "auto-replied"); // RFC 3834 5: no auto-replies to this

        var returned = original is null ? null : DsnOriginal.Part(original, request.Return, bounceSizeLimit, kind switch
        {
            DsnAction.Failed => "Undelivered Message",
            DsnAction.Delayed => "Delayed Message",
            _ => "Delivered Message",
        });

        var text = kind switch
        {
            DsnAction.Failed => DsnText.Failure(request, returned is not null),
            DsnAction.Delayed => DsnText.Delay(request, date),
            _ => DsnText.Success(request),
        };

        var report = new MultipartReport("delivery-status") { TextPart(text), DeliveryStatus(request) };
        if (returned is not null)
            report.Add(returned);
        message.Body = report;
        return message;
    }

    static TextPart TextPart(string text)
    {
        var ascii = text.All(char.IsAscii);
        var part = new TextPart("plain")
        {
            ContentDescription = "Notification",
            ContentTransferEncoding = ascii ? ContentEncoding.SevenBit : ContentEncoding.QuotedPrintable,
        };
        part.SetText(ascii ? Encoding.ASCII : Encoding.UTF8, text + "\n");
        return part;
    }

    // RFC 3464 2.2 per-message fields, then 2.3 per-recipient fields, one group per recipient.
    // The body is written here rather than through StatusGroups: MimeKit ends every group with a
    // blank line, and the one after the last group reads as an extra, empty recipient to parsers
    // (MimeKit's own and Python's alike).
    static MessageDeliveryStatus DeliveryStatus(DsnRequest request)
    {
        var sb = new StringBuilder();
        sb.Append(DsnFields.Field("Reporting-MTA", $"dns; {request.ReportingMta}"));
        sb.Append(DsnFields.Field("X-Maild-Queue-ID", request.QueueId));
        sb.Append(DsnFields.Field("X-Maild-Sender", DsnFields.TypedAddress("rfc822", request.Recipient)));
        if (!string.IsNullOrEmpty(request.EnvelopeId))
            sb.Append(DsnFields.Field("Original-Envelope-Id", request.EnvelopeId));
        sb.Append(DsnFields.Date("Arrival-Date", request.ArrivalDate));

        foreach (var r in request.Recipients)
        {
            sb.Append('\n');
            sb.Append(DsnFields.Field("Final-Recipient", DsnFields.TypedAddress("rfc822", r.Address)));
            if (r.OriginalRecipient is { } o)
                sb.Append(DsnFields.Field("Original-Recipient", DsnFields.TypedAddress(o.AddressType, o.Address)));
            sb.Append(DsnFields.Field("Action", r.Action.ToString().ToLowerInvariant()));
            sb.Append(DsnFields.Field("Status", r.Status));
            if (!string.IsNullOrEmpty(r.RemoteMta))
                sb.Append(DsnFields.Field("Remote-MTA", $"dns; {r.RemoteMta}"));
            sb.Append(DsnFields.Field("Diagnostic-Code", $"{DiagnosticType(r.Diagnostic)}; {r.Diagnostic}"));
            sb.Append(DsnFields.Date("Last-Attempt-Date", r.LastAttempt));
            if (r.Action == DsnAction.Delayed && r.WillRetryUntil is { } until)
                sb.Append(DsnFields.Date("Will-Retry-Until", until));
        }

        return new MessageDeliveryStatus
        {
            Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(sb.ToString()), writable: false)),
            ContentTransferEncoding = ContentEncoding.SevenBit,
            ContentDescription = "Delivery report",
        };
    }

    // As Postfix: "smtp" for a remote server's reply, "X-Maild" for our own explanation (a
    // DNS failure, a loop), which RFC 3464 2.3.6 does not allow to be labelled as an SMTP reply.
    static string DiagnosticType(string diagnostic) => SmtpReply().IsMatch(diagnostic) ? "smtp" : "X-Maild";

    static DsnAction Validate(DsnRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Recipient) || request.Recipient.Trim() == "<>")
            throw new ArgumentException("A DSN is never sent to the null sender.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.ReportingMta))
            throw new ArgumentException("ReportingMta is required.", nameof(request));
        if (request.Recipients.Count == 0)
            throw new ArgumentException("A DSN needs at least one recipient.", nameof(request));

        var kind = Kind(request.Recipients[0].Action);
        foreach (var r in request.Recipients)
        {
            if (Kind(r.Action) != kind)
                throw new ArgumentException("Failures, delays and successes go in separate DSNs.", nameof(request));
            if (!StatusCode().IsMatch(r.Status))
                throw new ArgumentException($"Status [{r.Status}] of [{r.Address}] is not an RFC 3463 code.", nameof(request));
        }

        return kind;
    }

    static DsnAction Kind(DsnAction action) => action == DsnAction.Relayed ? DsnAction.Delivered : action;

    [GeneratedRegex(@"^[245]\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex StatusCode();

    [GeneratedRegex(@"^[2-5]\d\d([ -]|$)")]
    private static partial Regex SmtpReply();
}
