using Akka.Actor;
using Mail.Actors.Storage;

namespace Mail.Actors.Queue;

/// <summary>
/// What a recipient queue talks to on its node: the delivery agents, the QueueManager (active
/// window), the bouncer, and the blob store (to delete bodies of finished messages).
/// </summary>
public sealed record QueueServices(
    IBlobStore Blobs,
    IActorRef LocalDelivery,
    IActorRef RemoteDelivery,
    IActorRef Manager,
    IActorRef Bouncer,
    RetrySchedule Schedule,
    string Hostname,
    TimeSpan AttemptTimeout);
