using Akka.Actor;

namespace Mail.Actors.Delivery.Remote;

/// A destination with nothing to do tells its parent, which may then stop it.
public sealed record DestinationIdle(string Hop);

/// From the parent: finish what is queued, then stop (no new requests will come).
public sealed class StopDestination
{
    public static StopDestination Instance { get; } = new();

    private StopDestination()
    {
    }
}

/// Internal: an attempt finished (PipeTo back to the destination).
internal sealed record AttemptCompleted(DeliveryRequest Request, IActorRef ReplyTo, AttemptResult Result);

/// Internal: time to close connections idle longer than the reuse time.
internal sealed class SweepIdleConnections : INotInfluenceReceiveTimeout
{
    public static SweepIdleConnections Instance { get; } = new();

    private SweepIdleConnections()
    {
    }
}
