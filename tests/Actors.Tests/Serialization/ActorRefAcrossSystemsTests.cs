using Akka.Actor;
using Mail.Actors.Mailbox;
using Mail.Actors.Serialization;

namespace Mail.Actors.Tests.Serialization;

/// <summary>
/// A session ref written by one node is a working ref on the other: serialized in system A,
/// deserialized in system B (both remoting on loopback), a message B sends to it arrives at the
/// actor in A, and a ref that travels back home is the local actor again.
/// </summary>
public sealed class ActorRefAcrossSystemsTests : Akka.TestKit.Xunit.TestKit
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly ActorSystem _other;

    public ActorRefAcrossSystemsTests(ITestOutputHelper output)
        : base(LoopbackNodes.Remoting("remote"), "node-a", output)
    {
        _other = ActorSystem.Create("node-b", LoopbackNodes.Remoting("remote"));
    }

    [Fact]
    public async Task A_session_ref_written_in_A_and_read_in_B_reaches_the_session_in_A()
    {
        var session = CreateTestProbe();
        var select = new SelectFolder("alice@example.com", "INBOX", session.Ref, ReadOnly: false);
        var serializer = Sys.Serialization.FindSerializerFor(select);

        var bytes = serializer.ToBinary(select);
        var inB = (SelectFolder)_other.Serialization.Deserialize(bytes, MailWireSerializer.Id, "fselect");

        Assert.Equal(LoopbackNodes.AddressOf(Sys), inB.Session.Path.Address);
        Assert.Equal(session.Ref.Path.Uid, inB.Session.Path.Uid);
        inB.Session.Tell(new FolderUnselected("alice@example.com", "INBOX", "Mailbox stopped.", FolderStillExists: true), ActorRefs.NoSender);
        var unselected = await session.ExpectMsgAsync<FolderUnselected>(cancellationToken: Ct);
        Assert.True(unselected.FolderStillExists);
    }

    [Fact]
    public async Task A_ref_that_goes_to_B_and_comes_back_in_a_push_is_the_local_actor_again()
    {
        var session = CreateTestProbe();
        _other.ActorOf(Props.Create(() => new PushBack()), "push-back");
        var echoInA = await Sys.ActorSelection(new RootActorPath(LoopbackNodes.AddressOf(_other)) / "user" / "push-back")
            .ResolveOne(TimeSpan.FromSeconds(10), Ct);

        echoInA.Tell(new SelectFolder("alice@example.com", "INBOX", session.Ref, ReadOnly: true), ActorRefs.NoSender);

        var changed = await session.ExpectMsgAsync<FolderChanged>(cancellationToken: Ct);
        Assert.Equal(session.Ref, changed.Origin);
        Assert.Equal([7L], changed.ExpungedUids);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _other.Terminate().Wait(TimeSpan.FromSeconds(10));
        base.Dispose(disposing);
    }

    /// In B: answers a SelectFolder with a FolderChanged to the session, naming it as origin.
    private sealed class PushBack : ReceiveActor
    {
        public PushBack() =>
            Receive<SelectFolder>(s => s.Session.Tell(new FolderChanged(s.MailboxId, s.Folder, [], [7], [], 12, s.Session)));
    }
}
