using Akka.Cluster.Sharding;

namespace Mail.Actors.Queue;

/// <summary>
/// Routes every <see cref="IWithHop"/> to the queue of its next hop. Like the mailbox shard
/// count, the number of shards is fixed for the life of a cluster.
/// </summary>
public sealed class RecipientQueueMessageExtractor(int maxShards = 100) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) => message switch
    {
        IWithHop m => m.Hop,
        _ => null,
    };

    public override object EntityMessage(object message) => message is ToHopQueue wrapped ? wrapped.Command : message;
}

/// Marker for the recipient-queue shard region in Akka.Hosting's registry.
public sealed class RecipientQueueRegion;
