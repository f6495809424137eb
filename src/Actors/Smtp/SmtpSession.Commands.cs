using Akka.Actor;
using Akka.Event;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

public sealed partial class SmtpSession
{
    private void Handle(ISmtpCommand command)
    {
        if (command is Bdat bdat) // answered when its octets are read, see SmtpSession.Bdat.cs
        {
            OnBdat(bdat);
            return;
        }
        if (!SmtpStateTable.IsAllowed(_state, command.Verb))
        {
            // The table also knows that DATA after MAIL with every RCPT refused is 554 5.5.1, not 503.
            Error(SmtpStateTable.BadSequence(_state, command.Verb));
            return;
        }
        switch (command)
        {
            case Ehlo ehlo:
                Greet(ehlo.Domain, esmtp: true);
                break;
            case Helo helo:
                Greet(helo.Domain, esmtp: false);
                break;
            case MailFrom mail:
                OnMailFrom(mail);
                break;
            case RcptTo rcpt:
                OnRcptTo(rcpt);
                break;
            case Data:
                OnData();
                break;
            case Rset:
                ResetTransaction();
                Reply(SmtpReply.Ok);
                break;
            case Noop:
                Reply(SmtpReply.Ok);
                break;
            case Quit:
                Reply(SmtpReply.Bye);
                Close();
                break;
            case Vrfy:
                // Never confirm or deny users (address harvesting); RFC 5321 3.5.3 allows 252.
                Reply(SmtpReply.VrfyCannot);
                break;
            case Help:
                Reply(SmtpReply.Help);
                break;
            default:
                // STARTTLS, AUTH, BDAT: parsed, not offered yet.
                Error(SmtpReply.NotImplemented);
                break;
        }
    }

    private void Greet(string domain, bool esmtp)
    {
        ResetTransaction();
        _heloName = domain;
        _esmtp = esmtp;
        _state = SmtpState.Ready;
        Reply(esmtp
            ? EhloKeywords.Reply(_settings.Hostname, _settings.MaxMessageSize,
                [EhloKeywords.Pipelining, EhloKeywords.Size, EhloKeywords.EightBitMime, EhloKeywords.EnhancedStatusCodes, EhloKeywords.Dsn, .. OptionalEhloKeywords()])
            : SmtpReply.Hello(_settings.Hostname));
    }

    private void OnMailFrom(MailFrom mail)
    {
        var p = mail.Parameters;
        if (UnsupportedMailParameter(p) is { } unsupported)
        {
            Error(SmtpReply.UnsupportedParameter(unsupported));
            return;
        }
        if (mail.Sender.Address is { IsInternational: true } && !p.SmtpUtf8)
        {
            Error(SmtpReply.Utf8NotDeclared);
            return;
        }
        if (p.Size is { } declared && declared > _settings.MaxMessageSize)
        {
            Error(SmtpReply.SizeExceedsLimit);
            return;
        }
        _transaction = new SmtpTransaction(mail.Sender, p);
        _state = SmtpState.MailGiven;
        Reply(SmtpReply.SenderOk);
    }

    /// Extensions we do not advertise yet must not be used (RFC 5321 4.1.1.11: 555).
    private string? UnsupportedMailParameter(MailParameters p)
    {
        if (p.SmtpUtf8 && !_settings.SmtpUtf8)
            return "SMTPUTF8";
        if (p.Body == SmtpBodyType.BinaryMime)
            return "BODY=BINARYMIME";
        return null;
    }

    private void OnRcptTo(RcptTo rcpt)
    {
        var transaction = _transaction!;
        if (rcpt.Recipient.IsInternational && !transaction.Parameters.SmtpUtf8)
        {
            Error(SmtpReply.Utf8NotDeclared);
            return;
        }
        if (transaction.Recipients.Count >= _settings.MaxRecipients)
        {
            Reply(SmtpReply.TooManyRecipients);
            return;
        }
        Busy = true;
        CheckRecipient(rcpt.Recipient).PipeTo(Self,
            success: r => r with { Parameters = rcpt.Parameters },
            failure: e => new RecipientChecked(rcpt.Recipient, new SmtpReply(451, "4.3.0", "Error: temporary directory failure"), false, null));
    }

    /// <summary>
    /// Local users, and remote domains for clients in mynetworks (Postfix's permit_mynetworks,
    /// reject_unauth_destination); everyone else relaying gets 554 5.7.1. Address literals are
    /// never local, and never relayed to.
    /// </summary>
    private async Task<RecipientChecked> CheckRecipient(SmtpAddress address)
    {
        var text = $"<{address}>";
        if (!address.HasDomain)
        {
            // RFC 5321 4.5.1: <postmaster> without a domain must be accepted; it is the host's own.
            address = new SmtpAddress(address.LocalPart, _settings.Hostname);
        }
        // Hidden routes (user%remote, remote!user, "user@remote") only for clients that may relay (Postfix reject_unauth_destination).
        if (address.IsAddressLiteral || (RoutingTricks.Hides(address) && !_settings.MayRelay(Connection.Remote.Address)))
            return new RecipientChecked(address, new SmtpReply(554, "5.7.1", $"{text}: Relay access denied"), false, null);
        // A user's existence implies a local domain: one lookup for the common case, a second
        // only to tell "unknown user" (550) from "not our domain" (554).
        var mailbox = await Services.Directory.FindMailboxAsync($"{address.LocalPart}@{address.Domain}");
        if (mailbox is not null)
            return new RecipientChecked(address, SmtpReply.RecipientOk, true, mailbox);
        if (await Services.Directory.IsLocalDomainAsync(address.Domain))
            return new RecipientChecked(address, new SmtpReply(550, "5.1.1", $"{text}: Recipient address rejected: User unknown in virtual mailbox table"), false, null);
        return _settings.MayRelay(Connection.Remote.Address)
            ? new RecipientChecked(address, SmtpReply.RecipientOk, true, null)
            : new RecipientChecked(address, new SmtpReply(554, "5.7.1", $"{text}: Relay access denied"), false, null);
    }

    private void OnRecipientChecked(RecipientChecked result)
    {
        Busy = false;
        if (_transaction is null || Closing)
            return;
        if (!result.Accepted)
        {
            Log.Info("NOQUEUE: reject: RCPT from {0}: {1} {2} {3}", ClientName, result.Reply.Code, result.Reply.Enhanced, result.Reply.Text);
            Error(result.Reply);
        }
        else
        {
            var accepted = new AcceptedRecipient(result.Address, result.MailboxId, result.Parameters ?? RcptParameters.None);
            if (!_transaction.Has(accepted))
                _transaction.Recipients.Add(accepted);
            _state = SmtpState.RcptGiven;
            Reply(result.Reply);
        }
        Pump();
    }
}
