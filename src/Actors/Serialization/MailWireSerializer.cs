using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Mail.Actors.Mailbox;
using Mail.Actors.Queue;

namespace Mail.Actors.Serialization;

/// <summary>
/// Serializer for the messages that cross nodes: everything sent to or answered by a sharded
/// mailbox or recipient queue, which may live on another node than the session, intake, local
/// delivery or management endpoint talking to it. Without it Akka would fall back to Newtonsoft
/// (.NET type names on the wire, slow, unsure with records and read-only lists).
/// <para>
/// Separate from <see cref="MailSerializer"/> because the two promise different things: a
/// persisted manifest must be readable forever, a wire manifest only by the other versions of a
/// rolling upgrade; and wire messages carry actor refs, which must never be persisted.
/// </para>
/// The bound messages, by group (marker interfaces <see cref="IMailboxMessage"/> and <see cref="IQueueMessage"/>):
/// <list type="bullet">
/// <item>POP3 / delivery / status (mailbox): AppendToMailbox, AppendRejected, OpenMaildrop, MaildropOpened, MaildropInUse, CloseMaildrop, MaildropClosed, KeepMaildrop, GetMailboxStatus, MailboxStatus, SetStorageLimit (MessageAppended, the append ack, is an event: MailSerializer)</item>
/// <item>IMAP folders (mailbox): ListFolders, FolderList, CreateFolder, DeleteFolder, RenameFolder, SetSubscription, FolderResult, SelectFolder, FolderSelected, DeselectFolder, AppendMessage, MessageAppendedTo, StoreFlags, FlagsStored, CopyMessages, MessagesCopied, ExpungeFolder, FolderExpunged, GetFolderStatus, FolderInfo</item>
/// <item>pushes to sessions (mailbox): FolderChanged, FolderUnselected</item>
/// <item>intake (queue): EnqueueMessage, MessageEnqueued</item>
/// <item>queue administration (QueueManager fan-out through the region): ToHopQueue, ListQueue, QueueListing, ShowQueued, QueuedMessageDetail, FlushQueue, RetryQueued, DeleteQueued, HoldQueued, ReleaseQueued, QueueCommandDone, QueueIdUnknown, WakeQueue</item>
/// <item>hand-off (singletons): StopMailbox, StopQueue</item>
/// </list>
/// </summary>
public sealed class MailWireSerializer : SerializerWithStringManifest
{
    public const int Id = 4712;

    private static readonly Dictionary<Type, string> Manifests = new()
    {
        [typeof(AppendToMailbox)] = "mapp",
        [typeof(AppendRejected)] = "mrej",
        [typeof(OpenMaildrop)] = "mopen",
        [typeof(MaildropOpened)] = "mopened",
        [typeof(MaildropInUse)] = "minuse",
        [typeof(CloseMaildrop)] = "mclose",
        [typeof(MaildropClosed)] = "mclosed",
        [typeof(KeepMaildrop)] = "mkeep",
        [typeof(GetMailboxStatus)] = "mstat",
        [typeof(MailboxStatus)] = "mstatus",
        [typeof(SetStorageLimit)] = "mlimit",
        [typeof(StopMailbox)] = "mstop",
        [typeof(ListFolders)] = "flist",
        [typeof(FolderList)] = "flisted",
        [typeof(CreateFolder)] = "fcreate",
        [typeof(DeleteFolder)] = "fdelete",
        [typeof(RenameFolder)] = "frename",
        [typeof(SetSubscription)] = "fsub",
        [typeof(FolderResult)] = "fresult",
        [typeof(SelectFolder)] = "fselect",
        [typeof(FolderSelected)] = "fselected",
        [typeof(DeselectFolder)] = "fdeselect",
        [typeof(AppendMessage)] = "fappend",
        [typeof(MessageAppendedTo)] = "fappended",
        [typeof(StoreFlags)] = "fstore",
        [typeof(FlagsStored)] = "fstored",
        [typeof(CopyMessages)] = "fcopy",
        [typeof(MessagesCopied)] = "fcopied",
        [typeof(ExpungeFolder)] = "fexpunge",
        [typeof(FolderExpunged)] = "fexpunged",
        [typeof(GetFolderStatus)] = "fstatus",
        [typeof(FolderInfo)] = "finfo",
        [typeof(FolderChanged)] = "fchanged",
        [typeof(FolderUnselected)] = "funselected",
        [typeof(EnqueueMessage)] = "qenq",
        [typeof(MessageEnqueued)] = "qenqd",
        [typeof(ToHopQueue)] = "qhop",
        [typeof(WakeQueue)] = "qwake",
        [typeof(StopQueue)] = "qstop",
        [typeof(ListQueue)] = "qlist",
        [typeof(QueueListing)] = "qlisting",
        [typeof(ShowQueued)] = "qshow",
        [typeof(QueuedMessageDetail)] = "qdetail",
        [typeof(FlushQueue)] = "qflush",
        [typeof(RetryQueued)] = "qretry",
        [typeof(DeleteQueued)] = "qdelete",
        [typeof(HoldQueued)] = "qhold",
        [typeof(ReleaseQueued)] = "qrelease",
        [typeof(QueueCommandDone)] = "qdone",
        [typeof(QueueIdUnknown)] = "qunknown",
    };

    private static readonly Dictionary<string, Type> Types = Manifests.ToDictionary(kv => kv.Value, kv => kv.Key);

    // Payload-free messages whose receivers may compare by reference: they come back as the instance.
    private static readonly Dictionary<Type, object> Singletons = new()
    {
        [typeof(StopMailbox)] = StopMailbox.Instance,
        [typeof(StopQueue)] = StopQueue.Instance,
        [typeof(WakeQueue)] = WakeQueue.Instance,
    };

    private readonly MailWireJsonContext _json;

    public MailWireSerializer(ExtendedActorSystem system) : base(system)
    {
        // A context instance of its own: the actor-ref converter needs this system, and the
        // generator's options (naming, enums as strings) are copied from the default instance.
        var options = new JsonSerializerOptions(MailWireJsonContext.Default.Options) { TypeInfoResolver = null };
        options.Converters.Add(new ActorRefJsonConverter(system));
        _json = new MailWireJsonContext(options);
    }

    /// Every concrete type this serializer writes (tests check each has a round trip).
    public static IReadOnlyCollection<Type> MessageTypes => Manifests.Keys;

    /// Types bound to this serializer (the HOCON serialization-bindings).
    public static IReadOnlyList<Type> BoundTypes { get; } = [typeof(IMailboxMessage), typeof(IQueueMessage)];

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        Manifests.TryGetValue(o.GetType(), out var m) ? m : throw new ArgumentException($"MailWireSerializer cannot serialize {o.GetType()}");

    public override byte[] ToBinary(object obj) => obj switch
    {
        _ when Singletons.ContainsKey(obj.GetType()) => [],
        ToHopQueue hop => JsonSerializer.SerializeToUtf8Bytes(new HopQueueWire(hop.Hop, Manifest(hop.Command), ToBinary(hop.Command)), _json.HopQueueWire),
        _ => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _json),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!Types.TryGetValue(manifest, out var type))
            throw new SerializationException($"unknown wire manifest '{manifest}' (sent by a newer maild?)");
        if (Singletons.TryGetValue(type, out var instance))
            return instance;
        if (type == typeof(ToHopQueue))
        {
            var wire = JsonSerializer.Deserialize(bytes, _json.HopQueueWire) ?? throw new SerializationException("empty ToHopQueue");
            return new ToHopQueue(wire.Hop, FromBinary(wire.Command, wire.Manifest));
        }
        return JsonSerializer.Deserialize(bytes, type, _json)
            ?? throw new SerializationException($"empty payload for wire manifest '{manifest}'");
    }
}
