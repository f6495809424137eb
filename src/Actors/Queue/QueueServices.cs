using Akka.Actor;
using Mail.Actors.Storage;

namespace Mail.Actors.Queue;

/// <summary>
/// What a recipient queue talks to on its node: the delivery agents (/user/delivery, which routes by hop), the QueueManager (active
/// window), the bouncer, and the blob store (to delete bodies of finished messages).
/// <paramref name="MaxInFlight"/> bounds the messages one queue hands to its agent at once
/// (twice the destination concurrency: enough to keep every connection busy, few enough that
/// none waits in the agent for long). <paramref name="Region"/> is the queue's own shard
/// region, through which a stopping queue that still holds mail has itself restarted.
/// </summary>
public sealed record QueueServices(
    IBlobStore Blobs,
    IActorRef Delivery,
    IActorRef Manager,
    IActorRef Bouncer,
    RetrySchedule Schedule,
    string Hostname,
    TimeSpan AttemptTimeout,
    int MaxInFlight = 40,
    IActorRef? Region = null);
