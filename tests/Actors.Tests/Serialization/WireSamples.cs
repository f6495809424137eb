using Akka.Actor;
using Mail.Actors.Delivery;
using Mail.Actors.Mailbox;
using Mail.Actors.Queue;
using Mail.Protocols.Smtp;
using Envelope = Mail.Actors.Delivery.Envelope;

namespace Mail.Actors.Tests.Serialization;

/// <summary>
/// One realistic value of every message <c>MailWireSerializer</c> writes, every property set to
/// something other than its default (so a property the JSON loses cannot hide behind a default).
/// A new wire message without a sample here fails <c>Every_wire_type_has_a_sample</c>.
/// </summary>
public static class WireSamples
{
    private static readonly DateTimeOffset When = new(2026, 11, 27, 5, 12, 33, TimeSpan.FromHours(1));

    private static StoredMessage Stored(long uid) =>
        new(uid, $"0B1C2D3F4G5H6J{uid}", $"0B1C2D3F4G5H6J{uid}.0", 2048 + uid, When.AddMinutes(uid)) { Flags = [@"\Seen", "$Forwarded"], ModSeq = 40UL + (ulong)uid };

    private static FolderInfo Info(string name) => new(name, SpecialUse.Archive, true, 1_790_000_001, 17, 44, 12, 3, 2, 81_920);

    private static QueuedMessageView View(string queueId) => new(
        queueId, "smtp:example.org", 5120, When, "alice@example.com", true,
        [new QueuedRecipientView("bob@example.org", RecipientStatus.Deferred, 3, "451 4.7.1 try later", When.AddHours(1))]);

    /// Keyed by type; <paramref name="session"/> stands for every actor ref a message carries.
    public static IReadOnlyDictionary<Type, object> For(IActorRef session)
    {
        object[] samples =
        [
            new AppendToMailbox("alice@example.com", "0B1C2D3F4G5H6J7K", "0B1C2D3F4G5H6J7K.0", 4096, When),
            new AppendRejected("alice@example.com", "0B1C2D3F4G5H6J7K", "Mailbox full", OverQuota: true),
            new OpenMaildrop("alice@example.com", session),
            new MaildropOpened("alice@example.com", 1_790_000_000, [Stored(1), Stored(2)]),
            new MaildropInUse("alice@example.com"),
            new CloseMaildrop("alice@example.com", session, [1, 3]),
            new MaildropClosed("alice@example.com", 2),
            new KeepMaildrop("alice@example.com"),
            new GetMailboxStatus("alice@example.com"),
            new MailboxStatus("alice@example.com", 1_790_000_000, 9, 8, 65_536, 131_072, 1_048_576),
            new SetStorageLimit("alice@example.com", 1_048_576),
            StopMailbox.Instance,
            new ListFolders("alice@example.com"),
            new FolderList([Info("INBOX"), Info("Archive/2026")], ["INBOX", "Lists/akka"]),
            new CreateFolder("alice@example.com", "Archive/2026", SpecialUse.Archive),
            new DeleteFolder("alice@example.com", "Old"),
            new RenameFolder("alice@example.com", "Old", "Archive/Old"),
            new SetSubscription("alice@example.com", "Lists/akka", true),
            new FolderResult(false, FolderError.OverQuota, "Quota exceeded"),
            new SelectFolder("alice@example.com", "INBOX", session, true),
            new FolderSelected("INBOX", 1_790_000_000, 5, 44, [Stored(3), Stored(4)], [4], ["$Forwarded", "Work"]),
            new DeselectFolder("alice@example.com", session),
            new AppendMessage("alice@example.com", "Sent", "0B1C2D3F4G5H6J7L", "0B1C2D3F4G5H6J7L.0", 777, When, [@"\Seen", @"\Draft"]),
            new MessageAppendedTo("Sent", 1_790_000_002, 12),
            new StoreFlags("alice@example.com", "INBOX", [1, 2, 7], StoreFlagsMode.Remove, [@"\Flagged"], 41, session),
            new FlagsStored([Stored(7)], [2]),
            new CopyMessages("alice@example.com", "INBOX", [1, 2], "Archive/2026", true, session),
            new MessagesCopied(1_790_000_003, [1, 2], [30, 31]),
            new ExpungeFolder("alice@example.com", "INBOX", [5, 6], session),
            new FolderExpunged([5, 6]),
            new GetFolderStatus("alice@example.com", "Archive/2026"),
            Info("Archive/2026"),
            new FolderChanged("alice@example.com", "INBOX", [Stored(8)], [5, 6], [Stored(2)], 45, session),
            new FolderUnselected("alice@example.com", "INBOX", "Mailbox stopped.", FolderStillExists: true),
            new EnqueueMessage(
                "smtp:example.org", "0B1C2D3F4G5H6J7K",
                new Envelope("alice@example.com", "env-1", DsnReturn.Headers, SmtpUtf8: true, SmtpBodyType.EightBitMime),
                "0B1C2D3F4G5H6J7K.hsmtp", 4096, When,
                [new DeliveryRecipient("bob@example.org", DsnNotify.Failure | DsnNotify.Delay, new OriginalRecipient("rfc822", "Bob@Example.org"), "bob", "0B1C2D3F4G5H6J7K.1")]),
            new MessageEnqueued("smtp:example.org", "0B1C2D3F4G5H6J7K"),
            new ToHopQueue("smtp:example.org", new HoldQueued("0B1C2D3F4G5H6J7K")),
            WakeQueue.Instance,
            StopQueue.Instance,
            new ListQueue(),
            new QueueListing([View("0B1C2D3F4G5H6J7K"), View("0B1C2D3F4G5H6J7M")]),
            new ShowQueued("0B1C2D3F4G5H6J7K"),
            new QueuedMessageDetail(
                [View("0B1C2D3F4G5H6J7K")],
                "From: alice@example.com\r\nSubject: hi\r\n",
                [new AttemptView(When, "bob@example.org", RecipientStatus.Deferred, "4.7.1", "mx.example.org[127.0.0.2]:25", "451 4.7.1 try later")]),
            new FlushQueue(),
            new RetryQueued("0B1C2D3F4G5H6J7K"),
            new DeleteQueued("0B1C2D3F4G5H6J7K"),
            new HoldQueued("0B1C2D3F4G5H6J7K"),
            new ReleaseQueued("0B1C2D3F4G5H6J7K"),
            new QueueCommandDone(3),
            new QueueIdUnknown("0B1C2D3F4G5H6J7Z"),
        ];
        return samples.ToDictionary(s => s.GetType());
    }
}
