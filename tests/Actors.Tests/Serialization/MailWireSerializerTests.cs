using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Mail.Actors.Mailbox;
using Mail.Actors.Queue;
using Mail.Actors.Serialization;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Serialization;

/// <summary>
/// Every message that crosses nodes is found (through the HOCON bindings of a real ActorSystem,
/// as remoting finds it) to go through <see cref="MailWireSerializer"/>, never Newtonsoft, and
/// comes back equal, actor refs included; singletons come back as the same instance.
/// </summary>
public sealed class MailWireSerializerTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit.TestKit(MailTestConfig.Serialization, "wire", output)
{
    public static TheoryData<string> WireTypes => [.. MailWireSerializer.MessageTypes.Select(t => t.Name).Order()];

    private object Sample(string typeName) =>
        WireSamples.For(TestActor).Single(kv => kv.Key.Name == typeName).Value;

    [Fact]
    public void Every_wire_type_has_a_sample()
    {
        var samples = WireSamples.For(TestActor);

        Assert.Empty(MailWireSerializer.MessageTypes.Where(t => !samples.ContainsKey(t)).Select(t => t.Name));
        Assert.Empty(samples.Keys.Where(t => !MailWireSerializer.MessageTypes.Contains(t)).Select(t => t.Name));
    }

    [Fact]
    public void Every_marked_message_type_has_a_manifest()
    {
        var marked = typeof(MailWireSerializer).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && MailWireSerializer.BoundTypes.Any(b => b.IsAssignableFrom(t)));

        Assert.Empty(marked.Where(t => !MailWireSerializer.MessageTypes.Contains(t)).Select(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void Each_wire_type_is_bound_to_MailWireSerializer_and_not_to_the_Newtonsoft_fallback(string type)
    {
        var serializer = Sys.Serialization.FindSerializerFor(Sample(type));

        Assert.IsType<MailWireSerializer>(serializer);
        Assert.Equal(MailWireSerializer.Id, serializer.Identifier);
    }

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void Each_wire_type_round_trips_with_every_property(string type)
    {
        var sample = Sample(type);
        Assert.DoesNotContain(Structural.DefaultProperties(sample), p => (type, p) != (nameof(FolderResult), nameof(FolderResult.Ok)));

        var (bytes, manifest) = Write(sample);
        var back = Sys.Serialization.Deserialize(bytes, MailWireSerializer.Id, manifest);

        Assert.Null(Structural.Difference(sample, back));
        Assert.DoesNotContain("Mail.Actors", Encoding.UTF8.GetString(bytes));
        Assert.True(manifest.Length <= 12, $"manifest '{manifest}' is not short");
    }

    [Fact]
    public void Manifests_are_distinct_and_never_type_names()
    {
        var manifests = WireSamples.For(TestActor).Values.Select(v => Write(v).Manifest).ToArray();

        Assert.Equal(manifests.Length, manifests.Distinct().Count());
        Assert.DoesNotContain(manifests, m => m.Contains('.') || m.Contains(','));
    }

    [Fact]
    public void Singletons_come_back_as_the_same_instance()
    {
        foreach (var singleton in new object[] { StopMailbox.Instance, StopQueue.Instance, WakeQueue.Instance })
        {
            var (bytes, manifest) = Write(singleton);
            Assert.Same(singleton, Sys.Serialization.Deserialize(bytes, MailWireSerializer.Id, manifest));
        }
    }

    [Fact]
    public void ToHopQueue_carries_a_singleton_command_as_the_same_instance()
    {
        var (bytes, manifest) = Write(new ToHopQueue("local", WakeQueue.Instance));

        var back = Assert.IsType<ToHopQueue>(Sys.Serialization.Deserialize(bytes, MailWireSerializer.Id, manifest));

        Assert.Equal("local", back.Hop);
        Assert.Same(WakeQueue.Instance, back.Command);
    }

    [Fact]
    public void ToHopQueue_refuses_a_command_that_is_no_wire_message()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new ToHopQueue("local", new ListQueue()));

        Assert.Throws<ArgumentException>(() => serializer.ToBinary(new ToHopQueue("local", "flush")));
    }

    [Fact]
    public async Task An_actor_ref_comes_back_as_the_same_actor_and_null_origin_stays_null()
    {
        var changed = new FolderChanged("alice@example.com", "INBOX", [], [3], [], 9, null);

        var (bytes, manifest) = Write(new SelectFolder("alice@example.com", "INBOX", TestActor, false));
        var back = (SelectFolder)Sys.Serialization.Deserialize(bytes, MailWireSerializer.Id, manifest);
        back.Session.Tell("ping", ActorRefs.NoSender);
        var (nullBytes, nullManifest) = Write(changed);

        await ExpectMsgAsync("ping", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(TestActor, back.Session);
        Assert.Null(((FolderChanged)Sys.Serialization.Deserialize(nullBytes, MailWireSerializer.Id, nullManifest)).Origin);
    }

    [Fact]
    public void An_unknown_manifest_is_a_serialization_error()
    {
        Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize("{}"u8.ToArray(), MailWireSerializer.Id, "zz"));
    }

    private (byte[] Bytes, string Manifest) Write(object value)
    {
        var serializer = Sys.Serialization.FindSerializerFor(value);
        return (serializer.ToBinary(value), Akka.Serialization.Serialization.ManifestFor(serializer, value));
    }
}
