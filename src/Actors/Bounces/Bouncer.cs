using System.Text;
using Akka.Actor;
using Akka.Event;
using Mail.Actors.Delivery;
using Mail.Actors.Directory;
using Mail.Actors.Intake;
using Mail.Actors.Queue;
using Mail.Actors.Storage;
using Envelope = Mail.Actors.Delivery.Envelope;

namespace Mail.Actors.Bounces;

/// <summary>
/// One per node (/user/bounces, Postfix's bounce(8)): turns a queue's <see cref="SendNotice"/>
/// into an RFC 3464 DSN from MAILER-DAEMON and feeds it back through the intake like any other
/// message, with the null sender so it can never bounce in turn. The notice id is the DSN's
/// queue id, so a request repeated after a crash or a lost answer is recognised by the mailbox
/// or queue it already reached, and delivered once.
/// </summary>
public sealed class Bouncer : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public Bouncer(IBlobStore blobs, IUserDirectory directory, Func<MessageIntake> intake, long bounceSizeLimit)
    {
        ReceiveAsync<SendNotice>(async notice =>
        {
            var queue = Sender;
            try
            {
                await Send(notice, blobs, directory, intake(), bounceSizeLimit);
                queue.Tell(new NoticeQueued(notice.NoticeId));
            }
            catch (Exception e)
            {
                _log.Warning("{0}: could not queue notice {1}: {2}", notice.Request.QueueId, notice.NoticeId, e.Message);
                queue.Tell(new NoticeFailed(notice.NoticeId, e.Message));
            }
        });
    }

    public static Props Props(IBlobStore blobs, IUserDirectory directory, Func<MessageIntake> intake, long bounceSizeLimit) =>
        Akka.Actor.Props.Create(() => new Bouncer(blobs, directory, intake, bounceSizeLimit));

    private async Task Send(SendNotice notice, IBlobStore blobs, IUserDirectory directory, MessageIntake intake, long bounceSizeLimit)
    {
        var request = notice.Request;
        byte[]? original = null;
        if (notice.OriginalBlobId is { } blobId)
        {
            try
            {
                original = await blobs.ReadAllAsync(blobId);
            }
            catch (IOException)
            {
                // The body is gone (deleted by hand?): the DSN goes out without it.
            }
        }
        var dsn = DsnBuilder.Build(request, original is null ? null : new MemoryStream(original, writable: false), bounceSizeLimit);

        var to = request.Recipient;
        DeliveryRecipient recipient;
        if (await directory.FindMailboxAsync(to) is { } mailbox)
            recipient = new DeliveryRecipient(to, MailboxId: mailbox);
        else if (await directory.IsLocalDomainAsync(MessageIntake.DomainOf(to)))
        {
            // Postfix would bounce to the postmaster (a double bounce); a local sender that does
            // not exist cannot read it either, so it is logged and dropped.
            _log.Warning("{0}: notice {1} to unknown local sender <{2}> discarded", request.QueueId, notice.NoticeId, to);
            return;
        }
        else
            recipient = new DeliveryRecipient(to);

        using var body = blobs.Create(notice.NoticeId);
        body.Write(Encoding.ASCII.GetBytes("Return-Path: <>\r\n"));
        using (var stream = new MemoryStream())
        {
            // Stored mail is CRLF like everything received over SMTP (MimeKit's default is the platform's).
            var format = MimeKit.FormatOptions.Default.Clone();
            format.NewLineFormat = MimeKit.NewLineFormat.Dos;
            dsn.WriteTo(format, stream);
            body.Write(stream.GetBuffer().AsSpan(0, (int)stream.Length));
        }
        await intake.CommitAsync(notice.NoticeId, new Envelope(""), body, [recipient], DateTimeOffset.UtcNow);
        _log.Info("{0}: sender {1} notification: {2} to <{3}>", request.QueueId,
            request.Recipients.FirstOrDefault()?.Action.ToString().ToLowerInvariant() ?? "", notice.NoticeId, to);
    }
}
