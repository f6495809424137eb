using Akka.Actor;
using Akka.Event;
using Mail.Actors.Mailbox;

namespace Mail.Actors.Delivery;

/// <summary>
/// The local delivery agent (/user/delivery/local, Postfix's virtual(8)): appends queued
/// recipients to their mailboxes through the shard region and reports to the queue. Used for
/// what could not go straight into a mailbox at SMTP time (a slow or failing journal) and for
/// recipients that asked for a success notice; appends are idempotent by queue id, so a retry
/// never makes a second copy.
/// </summary>
public sealed class LocalDelivery : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public LocalDelivery(IActorRef mailboxes, TimeSpan timeout)
    {
        Receive<DeliveryRequest>(request =>
        {
            var queue = Sender;
            if (request.NotAfter < DateTimeOffset.UtcNow)
            {
                queue.Tell(request.DeferAll("4.3.0", "delivery temporarily suspended: waited too long for the local delivery agent"));
                return;
            }
            var log = _log;
            Deliver(mailboxes, request, timeout, log).PipeTo(queue);
        });
    }

    public static Props Props(IActorRef mailboxes, TimeSpan timeout) => Akka.Actor.Props.Create(() => new LocalDelivery(mailboxes, timeout));

    private static async Task<DeliveryReport> Deliver(IActorRef mailboxes, DeliveryRequest request, TimeSpan timeout, ILoggingAdapter log)
    {
        var outcomes = await Task.WhenAll(request.Recipients.Select(async r =>
        {
            RecipientOutcome outcome;
            if (r.MailboxId is null || r.BlobId is null)
                outcome = new RecipientOutcome(r.Address, DeliveryStatus.Failed, "5.3.0", "local recipient without a mailbox");
            else
            {
                try
                {
                    var reply = await mailboxes.Ask<object>(new AppendToMailbox(r.MailboxId, request.QueueId, r.BlobId, request.Size, request.Arrival), timeout);
                    outcome = reply switch
                    {
                        MessageAppended => new RecipientOutcome(r.Address, DeliveryStatus.Delivered, "2.0.0", "delivered to mailbox", "local"),
                        // Over quota stays in the queue (the user may make room) until it expires and bounces, as Postfix does.
                        AppendRejected { OverQuota: true } => new RecipientOutcome(r.Address, DeliveryStatus.Deferred, "4.2.2", "452 4.2.2 Mailbox full", "local"),
                        _ => new RecipientOutcome(r.Address, DeliveryStatus.Deferred, "4.3.0", $"mailbox refused the message: {(reply as AppendRejected)?.Reason}", "local"),
                    };
                }
                catch (Exception e)
                {
                    outcome = new RecipientOutcome(r.Address, DeliveryStatus.Deferred, "4.3.0", $"mailbox unavailable: {e.GetType().Name}", "local");
                }
            }
            log.Info("{0}: to=<{1}>, relay=local, delay={2:0.#}, dsn={3}, status={4} ({5})",
                request.QueueId, r.Address, (DateTimeOffset.UtcNow - request.Arrival).TotalSeconds, outcome.Dsn,
                Queue.QueueState.StatusWord(outcome.Status), outcome.Diagnostic);
            return outcome;
        }));
        return request.Report(outcomes);
    }
}
