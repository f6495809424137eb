using Akka.Actor;
using Akka.Cluster.Sharding;
using Mail.Actors.Directory;

namespace Mail.Host.Management;

/// <summary>
/// What the inspection routes look at, handed over by `maild serve` once the actor system
/// runs. Until then every inspection route answers 503 ("maild is starting").
/// <paramref name="MailboxExtractor"/> is the region's own extractor, so `maild mailbox show`
/// names the same shard the region uses.
/// </summary>
public sealed record InspectionTargets(
    ActorSystem System,
    IActorRef QueueManager,
    IActorRef Mailboxes,
    IMessageExtractor MailboxExtractor,
    IUserDirectory Directory);
