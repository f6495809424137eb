using Akka.Actor;

namespace Mail.Actors.Connections;

/// <summary>
/// Props whose actor is made by a plain delegate, for actors created once per connection.
/// <c>Props.Create(() =&gt; new X(a, b))</c> builds an expression tree on every call, and Akka
/// then reads the arguments out of it and calls the constructor by reflection: about 15% of
/// what creating and stopping a session actor costs (bench/Micro SessionActorBenchmarks).
/// Such Props cannot be sent to another node, which sessions never are.
/// </summary>
public sealed class ActorFactory<TActor>(Func<TActor> create) : IIndirectActorProducer where TActor : ActorBase
{
    public Type ActorType => typeof(TActor);

    public ActorBase Produce() => create();

    public void Release(ActorBase actor)
    {
        // Nothing to give back: the actor owns what it was given.
    }

    public static Props Props(Func<TActor> create) => Akka.Actor.Props.CreateBy(new ActorFactory<TActor>(create));
}
