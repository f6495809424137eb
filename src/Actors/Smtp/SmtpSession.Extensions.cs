using Akka.Event;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

/// <summary>
/// The optional ESMTP extensions (each behind its <see cref="SmtpSettings"/> switch) and the
/// line-ending and line-length verdicts on a message. SMTPUTF8 (RFC 6531): UTF-8 addresses are taken only in a
/// transaction whose MAIL carried SMTPUTF8, else 553 5.6.7; the Received line then says UTF8SMTP.
/// BINARYMIME is not offered: nothing downstream converts binary bodies for 8-bit hops.
/// </summary>
public sealed partial class SmtpSession
{
    private IEnumerable<string> OptionalEhloKeywords()
    {
        if (_settings.SmtpUtf8)
            yield return EhloKeywords.SmtpUtf8;
        if (_settings.Chunking)
            yield return EhloKeywords.Chunking;
    }

    /// The message was read to its end but is refused (a text line over the limit, when so configured).
    private void OnRefusedData(SmtpReply reply)
    {
        Log.Info("{0}: reject: {1} from {2}", _transaction?.QueueId ?? "NOQUEUE", reply.Text, ClientName);
        ResetTransaction();
        Error(reply);
    }

    /// <summary>
    /// A bare LF under BareLinefeedPolicy.Reject, in a command line or (found at its end) a
    /// message: Postfix smtpd_forbid_bare_newline = yes answers 521 and hangs up, since a client
    /// that mixes line endings may be trying to smuggle a second message past another server.
    /// Nothing of the message is kept.
    /// </summary>
    private void OnBareLinefeed()
    {
        Log.Info("{0}: reject: bare <LF> received from {1}, disconnecting", _transaction?.QueueId ?? "NOQUEUE", ClientName);
        ResetTransaction();
        Reply(SmtpReply.BareLinefeed(_settings.Hostname));
        Close();
    }
}
