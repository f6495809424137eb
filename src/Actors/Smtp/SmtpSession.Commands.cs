using Akka.Actor;
using Akka.Event;
using Mail.Actors.Directory;
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
            case Auth auth:
                OnAuth(auth);
                break;
            case StartTls:
                OnStartTls();
                break;
            default:
                // BDAT: parsed, not offered yet.
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
            ? EhloKeywords.Reply(_settings.Hostname, _settings.MaxMessageSize, EhloExtensions())
            : SmtpReply.Hello(_settings.Hostname));
    }

    private IEnumerable<string> EhloExtensions()
    {
        yield return EhloKeywords.Pipelining;
        yield return EhloKeywords.Size;
        // Only before TLS is up (RFC 3207 4.2: not after a successful STARTTLS).
        if (Connection.CanStartTls)
            yield return EhloKeywords.StartTls;
        if (AuthOffered && _authenticatedUser is null)
            yield return "AUTH PLAIN LOGIN";
        yield return EhloKeywords.EightBitMime;
        yield return EhloKeywords.EnhancedStatusCodes;
        yield return EhloKeywords.Dsn;
        foreach (var keyword in OptionalEhloKeywords())
            yield return keyword;
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
        if (_settings.Role != SmtpRole.Mta && _settings.SubmissionRequiresAuth && _authenticatedUser is null)
        {
            // RFC 6409 4.1: submission is for authenticated users.
            Error(new SmtpReply(530, "5.7.0", "Authentication required"));
            return;
        }
        if (SenderNeedsOwnerCheck(mail.Sender))
        {
            CheckSenderOwner(mail);
            return;
        }
        AcceptSender(mail);
    }

    private void AcceptSender(MailFrom mail)
    {
        _transaction = new SmtpTransaction(mail.Sender, mail.Parameters);
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
        if (RefusedAsEarlyTalker(rcpt))
            return;
        var transaction = _transaction!;
        if (rcpt.Recipient.IsInternational && !transaction.Parameters.SmtpUtf8)
        {
            Error(SmtpReply.Utf8NotDeclared);
            return;
        }
        if (transaction.RcptCount >= _settings.MaxRecipients)
        {
            Reply(SmtpReply.TooManyRecipients);
            return;
        }
        Busy = true;
        // Relaying: trusted networks and authenticated clients (Postfix permit_mynetworks,
        // permit_sasl_authenticated, reject_unauth_destination).
        var mayRelay = _authenticatedUser is not null || _settings.MayRelay(Connection.Remote.Address);
        // reject_unauth_pipelining: input buffered beyond this command before we answered it.
        var pipelinedAhead = Input.Count > 0;
        CheckAccessThenRecipient(rcpt.Recipient, mayRelay, _transaction!.Sender, pipelinedAhead).PipeTo(Self,
            success: r => r with { Parameters = rcpt.Parameters },
            failure: e => new RecipientChecked(rcpt.Recipient, new SmtpReply(451, "4.3.0", "Error: temporary directory failure"), false, null));
    }

    /// <summary>
    /// Addresses of ours as the directory resolves them (aliases, alias domains, users,
    /// catch-alls, postmaster), and remote domains for clients in mynetworks (Postfix's
    /// permit_mynetworks, reject_unauth_destination); everyone else relaying gets 554 5.7.1.
    /// Remote destinations of an alias are relayed for anyone: the alias is the admin's choice.
    /// Address literals are never local, and never relayed to.
    /// </summary>
    /// <summary>
    /// The access rules first (Postfix checks client, HELO, sender and recipient rules at RCPT,
    /// smtpd_delay_reject), then the recipient itself. An OK rule only skips later rules: it
    /// never makes a remote recipient relayable.
    /// </summary>
    private async Task<RecipientChecked> CheckAccessThenRecipient(SmtpAddress address, bool mayRelay, ReversePath sender, bool pipelinedAhead)
    {
        var decision = await Services.Access.CheckAsync(Connection.Remote.Address, _heloName, sender.Address?.ToString() ?? "", address.ToString());
        if (decision.Verdict is AccessVerdict.Reject or AccessVerdict.Defer)
        {
            var (code, enhanced) = decision.Verdict == AccessVerdict.Reject ? (554, "5.7.1") : (450, "4.7.1");
            var subject = decision.What == "Client host" ? $"<{decision.Subject}>" : decision.Subject.StartsWith('<') ? decision.Subject : $"<{decision.Subject}>";
            return new RecipientChecked(address, new SmtpReply(code, enhanced, $"{subject}: {decision.What} rejected: {decision.Text ?? "Access denied"}"), false, null);
        }
        if (decision.Verdict != AccessVerdict.Ok && await CheckRestrictions(address, sender.Address, _heloName, _esmtp, pipelinedAhead) is { } refused)
            return new RecipientChecked(address, refused, false, null);
        return await CheckRecipient(address, mayRelay);
    }

    private async Task<RecipientChecked> CheckRecipient(SmtpAddress address, bool mayRelay)
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
        switch (await Services.Directory.ResolveAsync($"{address.LocalPart}@{address.Domain}"))
        {
            case RecipientResolution.Deliver deliver:
                return new RecipientChecked(address, SmtpReply.RecipientOk, true, null) { Targets = deliver.Targets, Dropped = deliver.Dropped };
            case RecipientResolution.UnknownUser:
                return new RecipientChecked(address, new SmtpReply(550, "5.1.1", $"{text}: Recipient address rejected: User unknown in virtual mailbox table"), false, null);
            case RecipientResolution.ExpansionError error:
                // Postfix defers mail whose aliases loop or nest too deep: the admin fixes them, the sender retries.
                return new RecipientChecked(address, new SmtpReply(451, "4.6.0", $"{text}: Recipient address rejected: Alias expansion error"), false, null)
                {
                    LogDetail = error.Reason,
                };
        }
        return mayRelay
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
            if (result.LogDetail is { } detail)
                Log.Warning("NOQUEUE: RCPT from {0}: <{1}>: {2}", ClientName, result.Address, detail);
            Log.Info("NOQUEUE: reject: RCPT from {0}: {1} {2} {3}", ClientName, result.Reply.Code, result.Reply.Enhanced, result.Reply.Text);
            Metrics.MailMetrics.Rejected.Increment();
            Error(result.Reply);
        }
        else
        {
            foreach (var dropped in result.Dropped)
                Log.Warning("RCPT from {0}: <{1}>: alias member <{2}> is no user or alias, skipped", ClientName, result.Address, dropped);
            foreach (var accepted in AcceptedRecipient.From(result))
            {
                if (!_transaction.Has(accepted))
                    _transaction.Recipients.Add(accepted);
            }
            _transaction.RcptCount++;
            _state = SmtpState.RcptGiven;
            Reply(result.Reply);
        }
        Pump();
    }
}
