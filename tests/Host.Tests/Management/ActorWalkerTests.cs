using Akka.Actor;
using Mail.Host.Management;
using Xunit;

namespace Mail.Host.Tests.Management;

/// `maild actors` over a real ActorSystem: depth, count limit, types, and the session lookup.
public sealed class ActorWalkerTests : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("walker-test", "akka.loglevel = WARNING");

    private sealed class Parent : ReceiveActor
    {
        public Parent(int children, string prefix = "c", int grandChildren = 0)
        {
            for (var i = 0; i < children; i++)
                Context.ActorOf(Props.Create(() => new Parent(grandChildren, "c", 0)), $"{prefix}{i}");
            ReceiveAny(_ => Sender.Tell("ready"));
        }
    }

    public async ValueTask InitializeAsync()
    {
        var listeners = _system.ActorOf(Props.Create(() => new Parent(2, "smtp-127.0.0.1-", 2)), "listeners");
        var tree = _system.ActorOf(Props.Create(() => new Parent(3)), "tree");
        await tree.Ask<string>("ready?", TimeSpan.FromSeconds(5));
        await listeners.Ask<string>("ready?", TimeSpan.FromSeconds(5));
        // Children are constructed asynchronously: once each listener has answered, its own children exist.
        for (var i = 0; i < 2; i++)
            await _system.ActorSelection($"/user/listeners/smtp-127.0.0.1-{i}").Ask<string>("ready?", TimeSpan.FromSeconds(5));
    }

    public async ValueTask DisposeAsync() => await _system.Terminate();

    [Fact]
    public void Walks_depth_first_in_name_order_with_types()
    {
        var tree = ActorWalker.Walk(_system, "/user/tree", depth: 1)!;

        Assert.Equal(["/user/tree", "/user/tree/c0", "/user/tree/c1", "/user/tree/c2"], tree.Actors.Select(a => a.Path));
        Assert.Equal([0, 1, 1, 1], tree.Actors.Select(a => a.Depth));
        Assert.All(tree.Actors, a => Assert.EndsWith("ActorWalkerTests+Parent", a.Type));
        Assert.Equal(3, tree.Actors[0].Children);
        Assert.False(tree.Truncated);
    }

    [Fact]
    public void Depth_zero_is_the_actor_alone()
    {
        var tree = ActorWalker.Walk(_system, "/user/tree", depth: 0)!;

        Assert.Equal(3, Assert.Single(tree.Actors).Children);
    }

    [Fact]
    public void The_count_limit_truncates()
    {
        var tree = ActorWalker.Walk(_system, "/", depth: 10, maxActors: 5)!;

        Assert.Equal(5, tree.Actors.Count);
        Assert.True(tree.Truncated);
    }

    [Fact]
    public void The_root_shows_both_guardians()
    {
        var tree = ActorWalker.Walk(_system, "/", depth: 1)!;

        Assert.Contains("/user", tree.Actors.Select(a => a.Path));
        Assert.Contains("/system", tree.Actors.Select(a => a.Path));
    }

    [Fact]
    public void A_missing_path_is_null()
    {
        Assert.Null(ActorWalker.Walk(_system, "/user/none", depth: 1));
        Assert.Null(ActorWalker.Walk(_system, "/user/tree/c0/deeper", depth: 1));
    }

    [Fact]
    public void Sessions_are_the_grandchildren_of_listeners()
    {
        var sessions = ActorWalker.Sessions(_system).Select(s => s.Path.ToStringWithoutAddress()).Order(StringComparer.Ordinal);

        Assert.Equal(["/user/listeners/smtp-127.0.0.1-0/c0", "/user/listeners/smtp-127.0.0.1-0/c1", "/user/listeners/smtp-127.0.0.1-1/c0", "/user/listeners/smtp-127.0.0.1-1/c1"], sessions);
        Assert.Equal(4, Assert.Single(ActorWalker.SessionCounts(_system), kv => kv.Key == "smtp").Value);
    }
}
