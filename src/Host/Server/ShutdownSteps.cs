using Akka;
using Akka.Actor;
using Akka.Event;
using Mail.Host.Network;

namespace Mail.Host.Server;

/// <summary>
/// maild's part of CoordinatedShutdown: first no new connections (service-unbind), then let
/// live sessions finish their transaction and say goodbye (service-requests-done, bounded by
/// the grace period). Sharding hands off and persistence stops in Akka's later phases.
/// </summary>
public static class ShutdownSteps
{
    public static void Register(ActorSystem system, IActorRef listeners, TimeSpan grace)
    {
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "stop-accepting", async () =>
        {
            await listeners.Ask<Done>(StopAccepting.Instance, TimeSpan.FromSeconds(10));
            return Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-sessions", async () =>
        {
            try
            {
                await listeners.Ask<Drained>(Drain.Instance, grace);
            }
            catch (AskTimeoutException)
            {
                system.Log.Warning("sessions still open after the {0} grace period are cut off", grace);
            }
            return Done.Instance;
        });
    }
}
