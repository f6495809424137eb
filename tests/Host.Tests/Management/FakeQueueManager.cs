using System.Collections.Concurrent;
using Akka.Actor;
using Mail.Actors.Queue;

namespace Mail.Host.Tests.Management;

/// <summary>
/// Stands in for the QueueManager, which is being written separately: it answers the admin
/// contract (QueueAdminMessages.cs) from a fixed list and records what it was asked, so the
/// endpoint's mapping (route -> message, reply -> status) can be tested on its own. Once the
/// real QueueManager exists, an end-to-end test against it belongs in Integration.Tests.
/// </summary>
public sealed class FakeQueueManager : ReceiveActor
{
    public const string KnownId = "0123456789ABCDEF";

    /// Asking to show this one makes the fake answer Status.Failure.
    public const string FailingId = "FAILINGFAILING00";

    public static readonly QueueListing Listing = new(
    [
        new QueuedMessageView(KnownId, "smtp:example.net", 2048, new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero), "alice@example.org", false,
            [new QueuedRecipientView("bob@example.net", RecipientStatus.Deferred, 2, "451 4.7.1 greylisted", new DateTimeOffset(2025, 3, 4, 10, 20, 0, TimeSpan.Zero))]),
    ]);

    public FakeQueueManager(ConcurrentQueue<object> asked, bool silent)
    {
        ReceiveAny(message =>
        {
            asked.Enqueue(message);
            if (silent)
                return;
            object reply = message switch
            {
                ListQueue => Listing,
                ShowQueued { QueueId: FailingId } => new Status.Failure(new InvalidOperationException("disk on fire")),
                ShowQueued { QueueId: KnownId } => new QueuedMessageDetail(Listing.Messages, "Subject: hi\r\n", []),
                FlushQueue => new QueueCommandDone(3),
                DeleteQueued { QueueId: null } => new QueueCommandDone(7),
                ShowQueued s => new QueueIdUnknown(s.QueueId),
                RetryQueued { QueueId: not KnownId } m => new QueueIdUnknown(m.QueueId),
                DeleteQueued { QueueId: not KnownId } m => new QueueIdUnknown(m.QueueId!),
                HoldQueued { QueueId: not KnownId } m => new QueueIdUnknown(m.QueueId),
                ReleaseQueued { QueueId: not KnownId } m => new QueueIdUnknown(m.QueueId),
                _ => new QueueCommandDone(1),
            };
            Sender.Tell(reply);
        });
    }

    public static Props Props(ConcurrentQueue<object> asked, bool silent = false) =>
        Akka.Actor.Props.Create(() => new FakeQueueManager(asked, silent));
}
