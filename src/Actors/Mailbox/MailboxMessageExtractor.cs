using Akka.Cluster.Sharding;

namespace Mail.Actors.Mailbox;

/// <summary>
/// Routes every <see cref="IWithMailboxId"/> to its entity. The shard count is fixed for the
/// life of a cluster (changing it moves every mailbox), 10x the largest expected node count.
/// </summary>
public sealed class MailboxMessageExtractor(int maxShards = 100) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) => message switch
    {
        IWithMailboxId m => m.MailboxId,
        _ => null,
    };
}

/// Marker for the mailbox shard region in Akka.Hosting's registry.
public sealed class MailboxRegion;
