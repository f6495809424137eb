using Akka.Actor;
using BenchmarkDotNet.Attributes;
using Mail.Actors.Connections;

namespace Mail.Micro;

/// <summary>
/// What a connection costs Akka before its first byte: creating a session-like actor (three
/// constructor arguments, a few message handlers) under a parent and stopping it again, as
/// the listener does once per SMTP connection. Props from an expression
/// (<c>Props.Create(() =&gt; new X(...))</c>, an expression tree and a reflection call per
/// actor) against <see cref="ActorFactory{TActor}"/> (a plain delegate).
/// </summary>
[MemoryDiagnoser]
public class SessionActorBenchmarks
{
    private const int Sessions = 100;
    private ActorSystem _system = null!;

    [Params("expression", "factory")]
    public string Props { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _system = ActorSystem.Create("sessions-bench", "akka.loglevel = WARNING");

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(30));

    [Benchmark(OperationsPerInvoke = Sessions)]
    public async Task CreateAndStop()
    {
        var actors = new IActorRef[Sessions];
        for (var i = 0; i < Sessions; i++)
        {
            var (name, port, settings) = ($"client{i}", i, TimeSpan.FromSeconds(i));
            var props = Props == "factory"
                ? ActorFactory<Session>.Props(() => new Session(name, port, settings))
                : Akka.Actor.Props.Create(() => new Session(name, port, settings));
            actors[i] = _system.ActorOf(props);
        }
        await Task.WhenAll(actors.Select(a => a.GracefulStop(TimeSpan.FromSeconds(10))));
    }

    private sealed class Session : ReceiveActor
    {
        public Session(string name, int port, TimeSpan timeout)
        {
            Receive<string>(s => Sender.Tell(s + name));
            Receive<int>(n => Sender.Tell(n + port));
            Receive<TimeSpan>(t => Sender.Tell(t + timeout));
        }
    }
}
