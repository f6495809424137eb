using Akka.Actor;
using Mail.Actors.Delivery;
using Mail.Actors.Mailbox;
using Mail.Actors.Queue;
using Mail.Actors.Storage;
using Mail.Protocols.Smtp;
using Envelope = Mail.Actors.Delivery.Envelope;

namespace Mail.Actors.Intake;

/// <summary>Where one accepted recipient went: straight into a mailbox, or into a hop's queue.</summary>
public sealed record IntakeDisposition(string Address, string Hop, bool Delivered);

/// <summary>
/// Makes an accepted message durable for every recipient (Postfix's cleanup + the first qmgr
/// pass), for SMTP sessions and for the bouncer alike:
/// <list type="number">
/// <item>the body is fsync'd and published once per owner (each local mailbox, each remote
/// hop's queue);</item>
/// <item>local recipients are appended to their mailboxes at once (the fast path), remote ones
/// are enqueued in the recipient queue of their domain;</item>
/// <item>a local append that fails or times out is not an error for the client: the recipient
/// goes into the "local" queue and is retried like any deferred delivery (appends are
/// idempotent by queue id, so a slow append that did land is not duplicated).</item>
/// </list>
/// Only when every recipient is in a mailbox or a queue journal does the task complete; any
/// failure before that throws, and the SMTP client is told 451.
/// </summary>
public sealed class MessageIntake(IBlobStore blobs, IActorRef mailboxes, IActorRef queues, TimeSpan timeout)
{
    /// <param name="recipients">Local recipients carry their MailboxId; the others are remote.</param>
    public async Task<IReadOnlyList<IntakeDisposition>> CommitAsync(
        string queueId, Envelope envelope, IIncomingBlob body, IReadOnlyList<DeliveryRecipient> recipients, DateTimeOffset arrival)
    {
        var plan = Plan(queueId, recipients);
        await body.CommitAsync(plan.BlobIds);
        return await DistributeAsync(plan, envelope, body.Length, arrival);
    }

    /// <summary>
    /// The same for a body already published under <see cref="BlobIdsFor"/> by an earlier
    /// attempt with this queue id (a retried notice): appends and enqueues are idempotent by
    /// queue id, so whatever the first attempt got done is not done twice.
    /// </summary>
    public Task<IReadOnlyList<IntakeDisposition>> CommitPublishedAsync(
        string queueId, Envelope envelope, long size, IReadOnlyList<DeliveryRecipient> recipients, DateTimeOffset arrival) =>
        DistributeAsync(Plan(queueId, recipients), envelope, size, arrival);

    /// The ids the body is published under for these recipients (the first one is always there once any is).
    public static IReadOnlyList<string> BlobIdsFor(string queueId, IReadOnlyList<DeliveryRecipient> recipients) =>
        Plan(queueId, recipients).BlobIds;

    private sealed record IntakePlan(
        string QueueId,
        List<DeliveryRecipient> Local,
        List<DeliveryRecipient> ViaLocalQueue,
        Dictionary<string, List<DeliveryRecipient>> Remote,
        List<string> BlobIds);

    private static IntakePlan Plan(string queueId, IReadOnlyList<DeliveryRecipient> recipients)
    {
        var plan = new IntakePlan(queueId, [], [], [], []);
        foreach (var r in recipients)
        {
            if (r.MailboxId is not null)
            {
                var owned = r with { BlobId = MessageBlobs.ForMailbox(queueId, plan.BlobIds.Count) };
                plan.BlobIds.Add(owned.BlobId!);
                // A success notice must be durable too: such recipients take the queue's path.
                (r.Notify is { } n && n.HasFlag(DsnNotify.Success) ? plan.ViaLocalQueue : plan.Local).Add(owned);
            }
            else
            {
                var hop = NextHop.ForDomain(DomainOf(r.Address));
                if (!plan.Remote.TryGetValue(hop, out var list))
                    plan.Remote[hop] = list = [];
                list.Add(r);
            }
        }
        plan.BlobIds.AddRange(plan.Remote.Keys.Select(hop => MessageBlobs.ForHop(queueId, hop)));
        if (plan.ViaLocalQueue.Count > 0)
            plan.BlobIds.Add(MessageBlobs.ForHop(queueId, NextHop.Local));
        return plan;
    }

    private async Task<IReadOnlyList<IntakeDisposition>> DistributeAsync(IntakePlan plan, Envelope envelope, long size, DateTimeOffset arrival)
    {
        var queueId = plan.QueueId;
        var half = timeout / 2;
        var localQueueBlob = MessageBlobs.ForHop(queueId, NextHop.Local);
        var appends = plan.Local.Select(async r =>
        {
            try
            {
                return (r, await mailboxes.Ask<object>(new AppendToMailbox(r.MailboxId!, queueId, r.BlobId!, size, arrival), half) is MessageAppended);
            }
            catch (Exception)
            {
                return (r, false);
            }
        }).ToArray();
        var enqueues = plan.Remote.Select(kv => Enqueue(kv.Key, kv.Value, MessageBlobs.ForHop(queueId, kv.Key))).ToList();
        var appended = await Task.WhenAll(appends);
        await Task.WhenAll(enqueues);

        var failed = appended.Where(a => !a.Item2).Select(a => a.r).ToList();
        if (failed.Count > 0 || plan.ViaLocalQueue.Count > 0)
        {
            if (failed.Count > 0 && plan.ViaLocalQueue.Count == 0)
                await blobs.LinkAsync(failed[0].BlobId!, localQueueBlob);
            await Enqueue(NextHop.Local, [.. plan.ViaLocalQueue, .. failed], localQueueBlob);
        }

        return
        [
            .. appended.Where(a => a.Item2).Select(a => new IntakeDisposition(a.r.Address, NextHop.Local, true)),
            .. failed.Concat(plan.ViaLocalQueue).Select(r => new IntakeDisposition(r.Address, NextHop.Local, false)),
            .. plan.Remote.SelectMany(kv => kv.Value.Select(r => new IntakeDisposition(r.Address, kv.Key, false))),
        ];

        async Task Enqueue(string hop, List<DeliveryRecipient> list, string blobId)
        {
            var reply = await queues.Ask<object>(new EnqueueMessage(hop, queueId, envelope, blobId, size, arrival, list), half);
            if (reply is not MessageEnqueued)
                throw new InvalidOperationException($"queue {hop} did not take {queueId}: {reply}");
        }
    }

    /// The domain of "local@domain" (the last '@': a quoted local part may contain one).
    public static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..];
}
