using Akka.Actor;

namespace Mail.Host.Management;

/// <summary>
/// `maild actors`: the live hierarchy of this node, read from the actor cells themselves
/// (Akka's <see cref="ActorRefWithCell"/>, what Petabridge.Cmd's "actor hierarchy" shows) instead
/// of ActorSelection + Identify: no messages, no timeout to guess, and the actor's class is
/// known. The walk is bounded by depth and by count, because a busy node has one actor per
/// connection and per awake mailbox.
/// </summary>
public static class ActorWalker
{
    public const int DefaultDepth = 3;
    public const int MaxActors = 2000;

    /// <param name="path">"/user/listeners", "/system/sharding"; "/" for both guardians.</param>
    /// <returns>null when nothing lives at <paramref name="path"/>.</returns>
    public static ActorTree? Walk(ActorSystem system, string path, int depth, int maxActors = MaxActors)
    {
        var root = Resolve(((ExtendedActorSystem)system).Provider.RootGuardian, path);
        if (root is null)
            return null;
        var found = new List<ActorView>();
        var truncated = false;
        var stack = new Stack<(IActorRef Actor, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (actor, level) = stack.Pop();
            if (found.Count >= maxActors)
            {
                truncated = true;
                break;
            }
            var children = Children(actor);
            found.Add(new ActorView(actor.Path.ToStringWithoutAddress(), level, TypeOf(actor), children.Count));
            if (level >= depth)
                continue;
            // Reverse, so that the stack hands them out in name order.
            foreach (var child in children.OrderByDescending(c => c.Path.Name, StringComparer.Ordinal))
                stack.Push((child, level + 1));
        }
        return new ActorTree(found, truncated);
    }

    /// The session actors of every listener (/user/listeners/&lt;listener&gt;/&lt;connection&gt;).
    public static IReadOnlyList<IActorRef> Sessions(ActorSystem system)
    {
        var listeners = Resolve(((ExtendedActorSystem)system).Provider.RootGuardian, "/user/listeners");
        return listeners is null ? [] : Children(listeners).SelectMany(Children).ToArray();
    }

    /// Open connections per listener service ("smtp", "imap", ...): children counted, nobody asked.
    public static IReadOnlyDictionary<string, int> SessionCounts(ActorSystem system)
    {
        var listeners = Resolve(((ExtendedActorSystem)system).Provider.RootGuardian, "/user/listeners");
        return listeners is null
            ? new Dictionary<string, int>()
            : Children(listeners).GroupBy(l => l.Path.Name.Split('-')[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(l => Children(l).Count), StringComparer.Ordinal);
    }

    private static IActorRef? Resolve(IActorRef root, string path)
    {
        IActorRef? current = root;
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current is not ActorRefWithCell cell)
                return null;
            current = cell.GetSingleChild(name);
            if (current is null || current.IsNobody())
                return null;
        }
        return current;
    }

    private static IReadOnlyList<IActorRef> Children(IActorRef actor) =>
        actor is ActorRefWithCell cell ? cell.Children.Where(c => !c.IsNobody()).ToArray() : [];

    private static string? TypeOf(IActorRef actor) =>
        actor is ActorRefWithCell { Underlying.Props.Type: { } type } ? type.FullName ?? type.Name : null;
}
