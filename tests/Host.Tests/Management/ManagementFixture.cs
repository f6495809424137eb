using System.Collections.Concurrent;
using System.Net;
using Akka.Actor;
using Mail.Host.Configuration;
using Mail.Host.Management;
using Xunit;

namespace Mail.Host.Tests.Management;

/// A real ActorSystem with a <see cref="FakeQueueManager"/>, and a management endpoint on a
/// loopback port the kernel picks, with its token file in a temporary folder.
public sealed class ManagementFixture : IAsyncLifetime
{
    public string Folder { get; } = global::System.IO.Directory.CreateTempSubdirectory("maild-mgmt-").FullName;

    public ConcurrentQueue<object> Asked { get; } = new();

    public ActorSystem Actors { get; } = ActorSystem.Create("mgmt-test", "akka.loglevel = WARNING");

    public ManagementServer Server { get; private set; } = null!;

    public ManagementSettings Settings => new(new ListenAddress(IPAddress.Loopback, 0), Path.Combine(Folder, "management.token"));

    public string Token => File.ReadAllText(Settings.TokenFile).Trim();

    public async ValueTask InitializeAsync()
    {
        var queue = Actors.ActorOf(FakeQueueManager.Props(Asked), "queue");
        Server = (await ManagementServer.StartAsync(Settings, queue))!;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Actors.Terminate();
        global::System.IO.Directory.Delete(Folder, recursive: true);
    }

    /// What the fake was asked by the latest request (requests in one test run one at a time).
    public object LastAsked()
    {
        Assert.True(Asked.TryDequeue(out var message), "the queue manager was asked nothing");
        while (Asked.TryDequeue(out var later))
            message = later;
        return message;
    }
}
