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
        // Notices are independent of each other: each runs on its own, the bouncer keeps no state.
        Receive<SendNotice>(notice =>
        {
            var log = _log;
            Send(notice, blobs, directory, intake(), bounceSizeLimit, log).PipeTo(Sender,
                success: () => new NoticeQueued(notice.NoticeId),
                failure: e =>
                {
                    log.Warning("{0}: could not queue notice {1}: {2}", notice.Request.QueueId, notice.NoticeId, e.Message);
                    return new NoticeFailed(notice.NoticeId, e.Message);
                });
        });
    }

    public static Props Props(IBlobStore blobs, IUserDirectory directory, Func<MessageIntake> intake, long bounceSizeLimit) =>
        Akka.Actor.Props.Create(() => new Bouncer(blobs, directory, intake, bounceSizeLimit));

    private static async Task Send(SendNotice notice, IBlobStore blobs, IUserDirectory directory, MessageIntake intake, long bounceSizeLimit, ILoggingAdapter log)
    {
        var request = notice.Request;
        var recipients = await Recipients(request.Recipient, directory);
        if (recipients.Count == 0)
        {
            // Postfix would bounce to the postmaster (a double bounce); a local sender that does
            // not exist cannot read it either, so it is logged and dropped.
            log.Warning("{0}: notice {1} to unknown local sender <{2}> discarded", request.QueueId, notice.NoticeId, request.Recipient);
            return;
        }
        var envelope = new Envelope("");
        var published = MessageIntake.BlobIdsFor(notice.NoticeId, recipients)[0];
        if (blobs.Exists(published))
        {
            // A retry after a crash or a lost answer: the DSN was built and published before.
            var size = (await blobs.ReadAllAsync(published)).LongLength;
            await intake.CommitPublishedAsync(notice.NoticeId, envelope, size, recipients, DateTimeOffset.UtcNow);
            return;
        }
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
        await intake.CommitAsync(notice.NoticeId, envelope, body, recipients, DateTimeOffset.UtcNow);
        log.Info("{0}: sender {1} notification: {2} to <{3}>", request.QueueId,
            request.Recipients.FirstOrDefault()?.Action.ToString().ToLowerInvariant() ?? "", notice.NoticeId, request.Recipient);
    }

    /// <summary>
    /// The DSN's recipients: a remote sender, or what a local sender resolves to (a user, or the
    /// members of an alias the sender wrote from); none for a local address that leads nowhere.
    /// </summary>
    private static async Task<IReadOnlyList<DeliveryRecipient>> Recipients(string to, IUserDirectory directory) =>
        await directory.ResolveAsync(to) switch
        {
            RecipientResolution.Deliver { Targets: [var one] } when one.Address.Equals(to, StringComparison.OrdinalIgnoreCase) =>
                [new DeliveryRecipient(to, MailboxId: one.MailboxId)],
            RecipientResolution.Deliver d => [.. d.Targets.Select(t => new DeliveryRecipient(t.Address, MailboxId: t.MailboxId))],
            RecipientResolution.NotLocal => [new DeliveryRecipient(to)],
            _ => [],
        };
}
