using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;

namespace Mail.Actors.Serialization;

/// <summary>
/// An <see cref="IActorRef"/> on the wire is its full path with address
/// ("akka.tcp://maild@10.0.0.2:4053/user/imap/s1#1234"), the form Akka's own serializers use:
/// <see cref="Akka.Serialization.Serialization.SerializedActorPath"/> fills in the address of the
/// transport that is writing, so a local session ref becomes reachable from the other node, and
/// the receiving node resolves it through its provider into a remote ref (or back into the local
/// actor when it comes home). The uid after '#' makes a ref to a dead and restarted actor stay dead.
/// </summary>
internal sealed class ActorRefJsonConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
{
    public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var path = reader.GetString();
        if (string.IsNullOrEmpty(path))
            throw new JsonException("an actor ref needs its path");
        return system.Provider.ResolveActorRef(path);
    }

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
}
