using Akka.Actor;

namespace Mail.Actors.Tests.Support;

internal static class AskExtensions
{
    /// Generous: it bounds a hung test, it does not measure anything.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static Task<T> AskFor<T>(this ICanTell actor, object message) =>
        actor.Ask<T>(message, Timeout, TestContext.Current.CancellationToken);
}
