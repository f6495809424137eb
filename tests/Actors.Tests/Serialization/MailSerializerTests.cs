using System.Runtime.Serialization;
using System.Text;
using Akka.Serialization;
using Mail.Actors.Mailbox;
using Mail.Actors.Serialization;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Serialization;

/// <summary>
/// The persisted schema: every event and the snapshot go through <see cref="MailSerializer"/>
/// (found through the HOCON bindings of a real ActorSystem, as the journal finds it), under
/// short manifests, and come back equal.
/// </summary>
public sealed class MailSerializerTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit.TestKit(MailTestConfig.Serialization, "serializer", output)
{
    private static readonly DateTimeOffset When = new(2026, 11, 26, 20, 55, 39, TimeSpan.FromHours(1));

    public static TheoryData<string, string> EventManifests => new()
    {
        { nameof(MailboxCreated), "mbc" },
        { nameof(MessageAppended), "mba" },
        { nameof(MessagesExpunged), "mbx" },
        { nameof(MailboxSnapshot), "mbs1" },
    };

    [Theory]
    [MemberData(nameof(EventManifests))]
    public void Each_persisted_type_is_bound_to_MailSerializer_under_its_short_manifest(string type, string manifest)
    {
        var value = Sample(type);

        var serializer = Sys.Serialization.FindSerializerFor(value);

        Assert.IsType<MailSerializer>(serializer);
        Assert.Equal(4711, serializer.Identifier);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, value));
    }

    [Fact]
    public void MailboxCreated_round_trips() =>
        Assert.Equal(new MailboxCreated(1_790_000_000), RoundTrip(new MailboxCreated(1_790_000_000)));

    [Fact]
    public void MessageAppended_round_trips_with_its_date_offset()
    {
        var appended = new MessageAppended("0B1C2D3F4G5H6J7K", 7, "0B1C2D3F4G5H6J7K.0", 1234, When);

        var back = RoundTrip(appended);

        Assert.Equal(appended, back);
        Assert.Equal(When.Offset, back.InternalDate.Offset);
    }

    [Fact]
    public void MessagesExpunged_round_trips()
    {
        var back = RoundTrip(new MessagesExpunged([1, 5, 9]));

        Assert.Equal([1L, 5L, 9L], back.Uids);
    }

    [Fact]
    public void MailboxSnapshot_round_trips()
    {
        var snapshot = new MailboxSnapshot(
            1_790_000_000,
            12,
            [new StoredMessage(3, "Q3", "Q3.0", 300, When), new StoredMessage(11, "Q11", "Q11.1", 1100, When.AddDays(1))],
            [new ExpungedQueueId("Q1", 1), new ExpungedQueueId("Q2", 2)]);

        var back = RoundTrip(snapshot);

        Assert.Equal(snapshot.UidValidity, back.UidValidity);
        Assert.Equal(snapshot.NextUid, back.NextUid);
        Assert.Equal(snapshot.Messages, back.Messages);
        Assert.Equal(snapshot.Expunged, back.Expunged);
    }

    [Fact]
    public void MessageAppended_json_is_pinned()
    {
        // Golden bytes: a change here is a schema change and needs a new manifest or a migration.
        var appended = new MessageAppended("0B1C2D3F4G5H6J7K", 7, "0B1C2D3F4G5H6J7K.0", 1234, When);

        var json = Encoding.UTF8.GetString(Sys.Serialization.FindSerializerFor(appended).ToBinary(appended));

        Assert.Equal(
            """{"queueId":"0B1C2D3F4G5H6J7K","uid":7,"blobId":"0B1C2D3F4G5H6J7K.0","size":1234,"internalDate":"2026-11-26T20:55:39+01:00"}""",
            json);
    }

    [Fact]
    public void Unknown_manifest_throws_SerializationException()
    {
        Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize("{}"u8.ToArray(), MailSerializer.Id, "mbz"));
    }

    [Fact]
    public void Unbound_type_is_refused_rather_than_written_under_a_type_name()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(MailboxCreated));

        Assert.Throws<ArgumentException>(() => serializer.Manifest(new StoredMessage(1, "Q", "Q.0", 1, When)));
    }

    private T RoundTrip<T>(T value)
        where T : notnull
    {
        var serializer = Sys.Serialization.FindSerializerFor(value);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, value);
        var bytes = serializer.ToBinary(value);
        return Assert.IsType<T>(Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest));
    }

    private static object Sample(string type) => type switch
    {
        nameof(MailboxCreated) => new MailboxCreated(1),
        nameof(MessageAppended) => new MessageAppended("Q", 1, "Q.0", 1, When),
        nameof(MessagesExpunged) => new MessagesExpunged([1]),
        nameof(MailboxSnapshot) => new MailboxSnapshot(1, 2, [], []),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
