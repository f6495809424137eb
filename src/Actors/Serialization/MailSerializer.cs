using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Mail.Actors.Mailbox;
using Mail.Actors.Queue;

namespace Mail.Actors.Serialization;

/// <summary>
/// Serializer for everything maild persists. Stored rows carry a short manifest chosen here,
/// never a .NET type name, so classes can be renamed or moved without breaking journals;
/// the payload is JSON from a source-generated context (field names are the schema).
/// A new event gets a new manifest; an old manifest is never reused for another shape.
/// </summary>
public sealed class MailSerializer(ExtendedActorSystem system) : ManifestTableSerializer(system, Manifests)
{
    public const int Id = 4711;

    private static readonly Dictionary<Type, string> Manifests = new()
    {
        [typeof(MailboxCreated)] = "mbc",
        [typeof(MessageAppended)] = "mba",
        [typeof(MessagesExpunged)] = "mbx",
        [typeof(MailboxSnapshot)] = "mbs1",
        [typeof(FolderCreated)] = "mfc",
        [typeof(DefaultFoldersCreated)] = "mfd",
        [typeof(FolderDeleted)] = "mfx",
        [typeof(FolderRenamed)] = "mfr",
        [typeof(SubscriptionChanged)] = "mfs",
        [typeof(FlagsChanged)] = "mmf",
        [typeof(CopiesAppended)] = "mmc",
        [typeof(MailboxFoldersSnapshot)] = "mbs2",
        [typeof(MessageQueued)] = "qmq",
        [typeof(DeliveryAttempted)] = "qda",
        [typeof(NoticesSent)] = "qns",
        [typeof(MessageHeld)] = "qmh",
        [typeof(MessageReleased)] = "qmr",
        [typeof(MessageDeleted)] = "qmd",
        [typeof(QueueSnapshot)] = "qs1",
    };

    public override int Identifier => Id;

    public override byte[] ToBinary(object obj) =>
        JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), MailJsonContext.Default);

    public override object FromBinary(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize(bytes, TypeOf(manifest), MailJsonContext.Default)
            ?? throw new SerializationException($"empty payload for manifest '{manifest}'");

    /// Types bound to this serializer (the HOCON serialization-bindings).
    public static IReadOnlyList<Type> BoundTypes { get; } = [typeof(IMailboxEvent), typeof(MailboxSnapshot), typeof(MailboxFoldersSnapshot), typeof(IQueueEvent), typeof(QueueSnapshot)];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MailboxCreated))]
[JsonSerializable(typeof(MessageAppended))]
[JsonSerializable(typeof(MessagesExpunged))]
[JsonSerializable(typeof(MailboxSnapshot))]
[JsonSerializable(typeof(FolderCreated))]
[JsonSerializable(typeof(DefaultFoldersCreated))]
[JsonSerializable(typeof(FolderDeleted))]
[JsonSerializable(typeof(FolderRenamed))]
[JsonSerializable(typeof(SubscriptionChanged))]
[JsonSerializable(typeof(FlagsChanged))]
[JsonSerializable(typeof(CopiesAppended))]
[JsonSerializable(typeof(MailboxFoldersSnapshot))]
[JsonSerializable(typeof(MessageQueued))]
[JsonSerializable(typeof(DeliveryAttempted))]
[JsonSerializable(typeof(NoticesSent))]
[JsonSerializable(typeof(MessageHeld))]
[JsonSerializable(typeof(MessageReleased))]
[JsonSerializable(typeof(MessageDeleted))]
[JsonSerializable(typeof(QueueSnapshot))]
internal sealed partial class MailJsonContext : JsonSerializerContext;
