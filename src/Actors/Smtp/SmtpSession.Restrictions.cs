using Mail.Actors.Delivery.Remote;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

/// <summary>The admin's optional restrictions (`maild.smtp.restrictions`), evaluated at RCPT in their configured order.</summary>
public sealed partial class SmtpSession
{
    /// The first restriction that refuses, or null. <paramref name="pipelinedAhead"/> says whether
    /// the client had sent more input before this RCPT was answered.
    private async Task<SmtpReply?> CheckRestrictions(SmtpAddress recipient, SmtpAddress? sender, string? helo, bool esmtp, bool pipelinedAhead)
    {
        foreach (var restriction in _settings.Restrictions)
        {
            var reply = restriction switch
            {
                SmtpRestriction.RejectNonFqdnHeloHostname when helo is not null && !SmtpRestrictions.IsFqdn(helo) =>
                    new SmtpReply(504, "5.5.2", $"<{helo}>: Helo command rejected: need fully-qualified hostname"),
                SmtpRestriction.RejectInvalidHeloHostname when helo is not null && !SmtpRestrictions.IsValidHostname(helo) =>
                    new SmtpReply(501, "5.5.2", $"<{helo}>: Helo command rejected: Invalid name"),
                SmtpRestriction.RejectNonFqdnSender when sender is not null && !SmtpRestrictions.IsFqdn(sender.Domain) =>
                    new SmtpReply(504, "5.5.2", $"<{sender}>: Sender address rejected: need fully-qualified address"),
                SmtpRestriction.RejectNonFqdnRecipient when recipient.HasDomain && !SmtpRestrictions.IsFqdn(recipient.Domain) =>
                    new SmtpReply(504, "5.5.2", $"<{recipient}>: Recipient address rejected: need fully-qualified address"),
                SmtpRestriction.RejectUnknownSenderDomain when sender is not null && !sender.IsAddressLiteral =>
                    await UnknownSenderDomain(sender),
                SmtpRestriction.RejectUnauthPipelining when pipelinedAhead && !esmtp =>
                    new SmtpReply(503, "5.5.0", $"<{recipient}>: Recipient address rejected: Improper use of SMTP command pipelining"),
                _ => null,
            };
            if (reply is not null)
                return reply;
        }
        return null;
    }

    /// Postfix reject_unknown_sender_domain: no MX and no A/AAAA is a temporary 450 (unknown_address_reject_code), a null MX a 550.
    private async Task<SmtpReply?> UnknownSenderDomain(SmtpAddress sender)
    {
        if (Services.Resolver is not { } resolver)
            return null;
        return await resolver.ResolveAsync(sender.Domain) switch
        {
            MxResolution.NotFound => new SmtpReply(450, "4.1.8", $"<{sender}>: Sender address rejected: Domain not found"),
            MxResolution.NullMx => new SmtpReply(550, "5.7.27", $"<{sender}>: Sender address rejected: Domain {sender.Domain} does not accept mail (nullMX)"),
            MxResolution.TemporaryFailure => new SmtpReply(450, "4.1.8", $"<{sender}>: Sender address rejected: Domain not found"),
            _ => null,
        };
    }
}
