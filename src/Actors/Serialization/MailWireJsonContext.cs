using System.Text.Json.Serialization;
using Mail.Actors.Mailbox;
using Mail.Actors.Queue;

namespace Mail.Actors.Serialization;

/// <summary>
/// <see cref="ToHopQueue"/> as it travels: its command is any queue message, so it goes as that
/// message's own manifest and bytes (the serializer nests itself) instead of a .NET type name.
/// </summary>
internal sealed record HopQueueWire(string Hop, string Manifest, byte[] Command);

/// <summary>
/// Source-generated metadata of the wire messages. Used only through an instance built on
/// options that carry <see cref="ActorRefJsonConverter"/> (see <see cref="MailWireSerializer"/>);
/// the generator's options below are copied into those options.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
// mailbox: POP3, delivery, status
[JsonSerializable(typeof(AppendToMailbox))]
[JsonSerializable(typeof(AppendRejected))]
[JsonSerializable(typeof(OpenMaildrop))]
[JsonSerializable(typeof(MaildropOpened))]
[JsonSerializable(typeof(MaildropInUse))]
[JsonSerializable(typeof(CloseMaildrop))]
[JsonSerializable(typeof(MaildropClosed))]
[JsonSerializable(typeof(KeepMaildrop))]
[JsonSerializable(typeof(GetMailboxStatus))]
[JsonSerializable(typeof(MailboxStatus))]
[JsonSerializable(typeof(SetStorageLimit))]
// mailbox: IMAP folders
[JsonSerializable(typeof(ListFolders))]
[JsonSerializable(typeof(FolderList))]
[JsonSerializable(typeof(CreateFolder))]
[JsonSerializable(typeof(DeleteFolder))]
[JsonSerializable(typeof(RenameFolder))]
[JsonSerializable(typeof(SetSubscription))]
[JsonSerializable(typeof(FolderResult))]
[JsonSerializable(typeof(SelectFolder))]
[JsonSerializable(typeof(FolderSelected))]
[JsonSerializable(typeof(DeselectFolder))]
[JsonSerializable(typeof(AppendMessage))]
[JsonSerializable(typeof(MessageAppendedTo))]
[JsonSerializable(typeof(StoreFlags))]
[JsonSerializable(typeof(FlagsStored))]
[JsonSerializable(typeof(CopyMessages))]
[JsonSerializable(typeof(MessagesCopied))]
[JsonSerializable(typeof(ExpungeFolder))]
[JsonSerializable(typeof(FolderExpunged))]
[JsonSerializable(typeof(GetFolderStatus))]
[JsonSerializable(typeof(FolderInfo))]
[JsonSerializable(typeof(FolderChanged))]
[JsonSerializable(typeof(FolderUnselected))]
// recipient queues
[JsonSerializable(typeof(EnqueueMessage))]
[JsonSerializable(typeof(MessageEnqueued))]
[JsonSerializable(typeof(HopQueueWire))]
[JsonSerializable(typeof(ListQueue))]
[JsonSerializable(typeof(QueueListing))]
[JsonSerializable(typeof(ShowQueued))]
[JsonSerializable(typeof(QueuedMessageDetail))]
[JsonSerializable(typeof(FlushQueue))]
[JsonSerializable(typeof(RetryQueued))]
[JsonSerializable(typeof(DeleteQueued))]
[JsonSerializable(typeof(HoldQueued))]
[JsonSerializable(typeof(ReleaseQueued))]
[JsonSerializable(typeof(QueueCommandDone))]
[JsonSerializable(typeof(QueueIdUnknown))]
internal sealed partial class MailWireJsonContext : JsonSerializerContext;
