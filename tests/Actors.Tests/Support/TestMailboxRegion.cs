using Akka.Actor;
using Mail.Actors.Mailbox;
using Mail.Actors.Storage;

namespace Mail.Actors.Tests.Support;

/// <summary>
/// The mailbox shard region without a cluster: one child <see cref="MailboxActor"/> per
/// mailbox id, routed by the production <see cref="MailboxMessageExtractor"/>.
/// </summary>
public sealed class TestMailboxRegion : ReceiveActor
{
    public TestMailboxRegion(IBlobStore blobs)
    {
        var extractor = new MailboxMessageExtractor();
        ReceiveAny(message =>
        {
            var id = extractor.EntityId(message) ?? throw new ArgumentException($"not routable: {message}");
            var name = Uri.EscapeDataString(id);
            var child = Context.Child(name);
            if (child.IsNobody())
                child = Context.ActorOf(MailboxActor.Props(id, blobs), name);
            child.Forward(extractor.EntityMessage(message));
        });
    }

    public static Props Props(IBlobStore blobs) => Akka.Actor.Props.Create(() => new TestMailboxRegion(blobs));
}
