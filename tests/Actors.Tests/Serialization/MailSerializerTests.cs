using System.Runtime.Serialization;
using System.Text;
using Akka.Serialization;
using Mail.Actors.Delivery;
using Mail.Actors.Mailbox;
using Mail.Actors.Queue;
using Mail.Actors.Serialization;
using Mail.Actors.Tests.Support;
using Mail.Protocols.Smtp;
using Envelope = Mail.Actors.Delivery.Envelope;

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
        { nameof(FolderCreated), "mfc" },
        { nameof(DefaultFoldersCreated), "mfd" },
        { nameof(FolderDeleted), "mfx" },
        { nameof(FolderRenamed), "mfr" },
        { nameof(SubscriptionChanged), "mfs" },
        { nameof(FlagsChanged), "mmf" },
        { nameof(CopiesAppended), "mmc" },
        { nameof(MailboxFoldersSnapshot), "mbs2" },
        { nameof(MessageQueued), "qmq" },
        { nameof(DeliveryAttempted), "qda" },
        { nameof(NoticesSent), "qns" },
        { nameof(MessageHeld), "qmh" },
        { nameof(MessageReleased), "qmr" },
        { nameof(MessageDeleted), "qmd" },
        { nameof(QueueSnapshot), "qs1" },
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
    public void MessageAppended_to_a_folder_with_flags_round_trips()
    {
        var appended = new MessageAppended("Q", 7, "Q.0", 1234, When, "Entwürfe/Ideen", [@"\Draft", "$Label1"]);

        var back = RoundTrip(appended);

        Assert.Equal(("Entwürfe/Ideen", 7L), (back.Folder, back.Uid));
        Assert.Equal(appended.Flags, back.Flags);
    }

    [Fact]
    public void MessagesExpunged_of_a_folder_round_trips_and_an_old_one_means_INBOX()
    {
        Assert.Equal("Trash", RoundTrip(new MessagesExpunged([3], "Trash")).Folder);
        var old = (MessagesExpunged)Sys.Serialization.Deserialize("""{"uids":[1,5]}"""u8.ToArray(), MailSerializer.Id, "mbx");
        Assert.Null(old.Folder);
        Assert.Equal([1L, 5L], old.Uids);
    }

    [Fact]
    public void Folder_events_round_trip()
    {
        Assert.Equal(new FolderCreated("Ümlaut/Sub", 1_790_000_001, @"\Archive"), RoundTrip(new FolderCreated("Ümlaut/Sub", 1_790_000_001, @"\Archive")));
        Assert.Equal(new FolderDeleted("A/B"), RoundTrip(new FolderDeleted("A/B")));
        Assert.Equal(new FolderRenamed("INBOX", "Old", 1_790_000_002), RoundTrip(new FolderRenamed("INBOX", "Old", 1_790_000_002)));
        Assert.Equal(new SubscriptionChanged("X", false), RoundTrip(new SubscriptionChanged("X", false)));

        var defaults = RoundTrip(new DefaultFoldersCreated([new FolderCreated("Sent", 2, @"\Sent"), new FolderCreated("Junk", 3, @"\Junk")]));
        Assert.Equal([new FolderCreated("Sent", 2, @"\Sent"), new FolderCreated("Junk", 3, @"\Junk")], defaults.Folders);
    }

    [Fact]
    public void Message_events_round_trip()
    {
        var flags = RoundTrip(new FlagsChanged("INBOX", [new UidFlags(1, [@"\Seen", "Work"]), new UidFlags(4, [])]));
        Assert.Equal("INBOX", flags.Folder);
        Assert.Equal([1L, 4L], flags.Changes.Select(c => c.Uid));
        Assert.Equal([@"\Seen", "Work"], flags.Changes[0].Flags);
        Assert.Empty(flags.Changes[1].Flags);

        var copied = RoundTrip(new CopiesAppended("INBOX", "Archive", [2, 9], 40));
        Assert.Equal(("INBOX", "Archive", 40L), (copied.From, copied.To, copied.FirstUid));
        Assert.Equal([2L, 9L], copied.SourceUids);
    }

    [Fact]
    public void MailboxFoldersSnapshot_round_trips_folders_messages_with_flags_and_modseqs()
    {
        var message = new StoredMessage(3, "Q3", "Q3.0", 300, When) { Flags = [@"\Seen", "$Label1"], ModSeq = 17 };
        var snapshot = new MailboxFoldersSnapshot(
            1_790_000_009,
            true,
            [
                new FolderSnapshot("INBOX", 1_790_000_000, 4, 17, null, false, [message]),
                new FolderSnapshot("A", 1_790_000_009, 1, 1, null, true, []),
                new FolderSnapshot("Sent", 1_790_000_001, 1, 1, @"\Sent", false, []),
            ],
            ["INBOX", "Sent"],
            [new QueueIdRef("Q3", "INBOX", 3)],
            [new QueueIdRef("Q1", "Trash", 1)]);

        var back = RoundTrip(snapshot);

        Assert.Equal((snapshot.LastUidValidity, snapshot.HasDefaultFolders), (back.LastUidValidity, back.HasDefaultFolders));
        Assert.Equal(snapshot.Folders.Select(f => f with { Messages = [] }), back.Folders.Select(f => f with { Messages = [] }));
        Assert.Equal(message, Assert.Single(back.Folders[0].Messages));
        Assert.Equal(message.Flags, back.Folders[0].Messages[0].Flags);
        Assert.Equal(snapshot.Subscriptions, back.Subscriptions);
        Assert.Equal(snapshot.Appended, back.Appended);
        Assert.Equal(snapshot.Expunged, back.Expunged);
    }

    [Fact]
    public void An_mbs1_snapshot_as_the_old_code_wrote_it_still_reads()
    {
        // Bytes as written before folders existed (no flags, no modseq on messages).
        var json = """{"uidValidity":1790000000,"nextUid":12,"messages":[{"uid":11,"queueId":"Q11","blobId":"Q11.1","size":1100,"internalDate":"2026-11-27T20:55:39+01:00"}],"expunged":[{"queueId":"Q1","uid":1}]}""";

        var old = Assert.IsType<MailboxSnapshot>(Sys.Serialization.Deserialize(Encoding.UTF8.GetBytes(json), MailSerializer.Id, "mbs1"));
        var state = old.ToState();

        Assert.Equal((1_790_000_000L, 12L, 1100L), (state.UidValidity, state.NextUid, state.TotalSize));
        Assert.Empty(state.Messages[11].Flags);
        Assert.True(state.TryFindQueueId("Q1", out _));
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

    private static readonly MessageQueued Queued = new(
        "0B1C2D3F4G5H6J7K",
        new Envelope("a@x.test", "env-1", DsnReturn.Full, SmtpUtf8: false, SmtpBodyType.EightBitMime),
        "0B1C2D3F4G5H6J7K.h1234ABCD",
        2048,
        When,
        [
            new DeliveryRecipient("b@r.test", DsnNotify.Failure | DsnNotify.Delay, new OriginalRecipient("rfc822", "B@r.test")),
            new DeliveryRecipient("c@l.test", MailboxId: "c@l.test", BlobId: "0B1C2D3F4G5H6J7K.0"),
        ]);

    private static readonly DeliveryAttempted Attempted = new(
        "0B1C2D3F4G5H6J7K",
        When.AddMinutes(5),
        [
            new RecipientOutcome("b@r.test", DeliveryStatus.Deferred, "4.4.1", "connect to mx[127.0.0.1]:25: Connection refused"),
            new RecipientOutcome("c@l.test", DeliveryStatus.Delivered, "2.0.0", "250 ok", "mx[127.0.0.1]:25", "mx", Relayed: true),
        ],
        When.AddMinutes(10),
        WarnDelay: true);

    [Fact]
    public void Queue_events_round_trip_with_enums_by_name()
    {
        var queued = RoundTrip(Queued);
        Assert.Equal(Queued.Envelope, queued.Envelope);
        Assert.Equal(Queued.Recipients, queued.Recipients);
        Assert.Equal((Queued.QueueId, Queued.BlobId, Queued.Size, Queued.Arrival), (queued.QueueId, queued.BlobId, queued.Size, queued.Arrival));

        var attempted = RoundTrip(Attempted);
        Assert.Equal(Attempted.Outcomes, attempted.Outcomes);
        Assert.Equal((Attempted.At, Attempted.NextAttempt, true), (attempted.At, attempted.NextAttempt, attempted.WarnDelay));

        // Enum members are stored by name, so reordering an enum cannot change stored meaning.
        var json = Encoding.UTF8.GetString(Sys.Serialization.FindSerializerFor(Attempted).ToBinary(Attempted));
        Assert.Contains("\"status\":\"Deferred\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void QueueSnapshot_round_trips_a_state_with_history_and_pending_notices()
    {
        var state = QueueState.Empty.Apply(Queued).Apply(Attempted)
            .Apply(Queued with { QueueId = "DONE", Recipients = [new DeliveryRecipient("x@r.test", DsnNotify.Never)] })
            .Apply(new DeliveryAttempted("DONE", When, [new RecipientOutcome("x@r.test", DeliveryStatus.Failed, "5.0.0", "no")], When));

        var back = RoundTrip(QueueSnapshot.From(state)).ToState();

        var before = state.Messages["0B1C2D3F4G5H6J7K"];
        var after = back.Messages["0B1C2D3F4G5H6J7K"];
        Assert.Equal(before.Recipients, after.Recipients);
        Assert.Equal(before.History, after.History);
        Assert.Equal((before.Envelope, before.DelayWarned, before.NoticeCount), (after.Envelope, after.DelayWarned, after.NoticeCount));
        Assert.True(back.Knows("DONE"));
        Assert.False(back.Messages.ContainsKey("DONE"));
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
        nameof(FolderCreated) => new FolderCreated("Sent", 1, @"\Sent"),
        nameof(DefaultFoldersCreated) => new DefaultFoldersCreated([new FolderCreated("Sent", 1, @"\Sent")]),
        nameof(FolderDeleted) => new FolderDeleted("A"),
        nameof(FolderRenamed) => new FolderRenamed("A", "B"),
        nameof(SubscriptionChanged) => new SubscriptionChanged("A", true),
        nameof(FlagsChanged) => new FlagsChanged("A", [new UidFlags(1, [@"\Seen"])]),
        nameof(CopiesAppended) => new CopiesAppended("A", "B", [1], 1),
        nameof(MailboxFoldersSnapshot) => new MailboxFoldersSnapshot(1, true, [], [], [], []),
        nameof(MessageQueued) => Queued,
        nameof(DeliveryAttempted) => Attempted,
        nameof(NoticesSent) => new NoticesSent("Q", ["b@r.test"], NoticeKind.Failure),
        nameof(MessageHeld) => new MessageHeld("Q"),
        nameof(MessageReleased) => new MessageReleased("Q"),
        nameof(MessageDeleted) => new MessageDeleted("Q"),
        nameof(QueueSnapshot) => new QueueSnapshot([], []),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
