using Mail.Actors.Mailbox;
using static Mail.Actors.Tests.Mailbox.Folders;

namespace Mail.Actors.Tests.Mailbox;

/// Message rules of the pure state: UIDs, flags, mod-sequences, COPY/MOVE, EXPUNGE, blob references.
public sealed class MailboxMessageRulesTests
{
    [Fact]
    public void Uids_ascend_per_folder_and_are_never_reused_after_expunging_the_highest()
    {
        var state = New().With("Sent", "S1", "S2").With("INBOX", "I1");
        state = state.Do(state.DecideStore(Store("Sent", StoreFlagsMode.Add, [2], @"\Deleted"))).State;
        state = state.Do(state.DecideExpunge(Expunge("Sent"))).State;

        state = state.With("Sent", "S3");

        Assert.Equal([1L, 3L], state.Folders["Sent"].Messages.Keys);
        Assert.Equal(4, state.Folders["Sent"].UidNext);
        Assert.Equal([1L], state.Inbox.Messages.Keys);
    }

    [Fact]
    public void Append_normalizes_flags_and_is_idempotent_by_queue_id()
    {
        var state = New();

        var (appended, reply) = state.Do(state.DecideAppendMessage(Append("Drafts", "Q1", 10, @"\seen", @"\Recent", "$Label1", "$label1", @"\draft", @"\Bogus")));
        var again = appended.DecideAppendMessage(Append("Drafts", "Q1", 10));

        var done = Assert.IsType<MessageAppendedTo>(reply);
        Assert.Equal(("Drafts", appended.Folders["Drafts"].UidValidity, 1L), (done.Folder, done.UidValidity, done.Uid));
        Assert.Equal([@"\Seen", "$Label1", @"\Draft"], appended.Folders["Drafts"].Messages[1].Flags);
        Assert.Empty(again.Events);
        Assert.Equal(done, again.Reply);
    }

    [Fact]
    public void Append_to_a_missing_or_Noselect_folder_is_refused()
    {
        var state = New().Create("A/B");
        state = state.Run(state.DecideDelete("A").Events);

        Assert.Equal(FolderError.NoSuchFolder, Assert.IsType<FolderResult>(state.DecideAppendMessage(Append("Nope", "Q1")).Reply).Error);
        Assert.Equal(FolderError.NoSelect, Assert.IsType<FolderResult>(state.DecideAppendMessage(Append("A", "Q1")).Reply).Error);
    }

    [Fact]
    public void Every_change_takes_the_next_modseq_and_unchanged_flags_take_none()
    {
        var state = New().With("INBOX", "Q1", "Q2");
        var afterAppends = state.Inbox.HighestModSeq;
        Assert.Equal(afterAppends, state.Inbox.Messages[2].ModSeq);
        Assert.True(state.Inbox.Messages[1].ModSeq < state.Inbox.Messages[2].ModSeq);

        var (stored, reply) = state.Do(state.DecideStore(Store("INBOX", StoreFlagsMode.Add, [1, 2, 99], @"\Seen")));
        var flags = Assert.IsType<FlagsStored>(reply);
        Assert.Equal(afterAppends + 1, stored.Inbox.HighestModSeq);
        Assert.All(flags.Changed, m => Assert.Equal(afterAppends + 1, m.ModSeq));
        Assert.Equal([1L, 2L], flags.Changed.Select(m => m.Uid));

        // \Seen again on 1, and removing a flag 2 does not have: nothing changes.
        var (same, noChange) = stored.Do(stored.DecideStore(Store("INBOX", StoreFlagsMode.Add, [1], @"\SEEN")));
        Assert.Empty(Assert.IsType<FlagsStored>(noChange).Changed);
        Assert.Empty(stored.DecideStore(Store("INBOX", StoreFlagsMode.Remove, [2], @"\Flagged")).Events);
        Assert.Equal(stored.Inbox.HighestModSeq, same.Inbox.HighestModSeq);

        var (expunged, _) = stored.Do(stored.DecideStore(Store("INBOX", StoreFlagsMode.Replace, [1], @"\Deleted")));
        var before = expunged.Inbox.HighestModSeq;
        expunged = expunged.Do(expunged.DecideExpunge(Expunge("INBOX"))).State;
        Assert.Equal(before + 1, expunged.Inbox.HighestModSeq);
    }

    [Fact]
    public void Store_modes_replace_add_and_remove()
    {
        var state = New().With("INBOX", "Q1");
        state = state.Do(state.DecideStore(Store("INBOX", StoreFlagsMode.Replace, [1], @"\Flagged", "Work"))).State;
        state = state.Do(state.DecideStore(Store("INBOX", StoreFlagsMode.Add, [1], @"\Seen", "work"))).State;
        Assert.Equal([@"\Flagged", "Work", @"\Seen"], state.Inbox.Messages[1].Flags);

        state = state.Do(state.DecideStore(Store("INBOX", StoreFlagsMode.Remove, [1], "WORK", @"\flagged"))).State;

        Assert.Equal([@"\Seen"], state.Inbox.Messages[1].Flags);
    }

    [Fact]
    public void Unchangedsince_fails_messages_changed_after_it()
    {
        var state = New().With("INBOX", "Q1", "Q2");
        var since = state.Inbox.Messages[1].ModSeq;

        var command = Store("INBOX", StoreFlagsMode.Add, [1, 2], @"\Answered") with { UnchangedSince = since };
        var flags = Assert.IsType<FlagsStored>(state.DecideStore(command).Reply);

        Assert.Equal([2L], flags.FailedUnchangedSince);
        Assert.Equal([1L], flags.Changed.Select(m => m.Uid));
    }

    [Fact]
    public void Copy_gives_consecutive_uids_keeps_flags_and_shares_the_blob()
    {
        var state = New().With("INBOX", "Q1", "Q2", "Q3").With("Archive", "A1");
        state = state.Do(state.DecideStore(Store("INBOX", StoreFlagsMode.Add, [3], @"\Flagged"))).State;

        var (copied, reply) = state.Do(state.DecideCopy(Copy("INBOX", "Archive", false, 3, 1, 42)));

        var uids = Assert.IsType<MessagesCopied>(reply);
        Assert.Equal(copied.Folders["Archive"].UidValidity, uids.DestUidValidity);
        Assert.Equal([1L, 3L], uids.SourceUids);
        Assert.Equal([2L, 3L], uids.DestUids);
        Assert.Equal([@"\Flagged"], copied.Folders["Archive"].Messages[3].Flags);
        Assert.Equal("Q3.0", copied.Folders["Archive"].Messages[3].BlobId);
        Assert.Equal(2, copied.BlobRefs["Q3.0"]);
        Assert.Equal(3, copied.Inbox.Messages.Count);
        Assert.Equal(state.StorageUsed + 200, copied.StorageUsed);
    }

    [Fact]
    public void A_blob_is_released_only_when_its_last_copy_is_expunged()
    {
        var state = New().With("INBOX", "Q1");
        state = state.Do(state.DecideCopy(Copy("INBOX", "Trash", false, 1))).State;

        var pop3 = state.DecideExpunge([1]);
        Assert.Equal(["Q1.0"], state.BlobsReleasedBy(pop3[0]));
        state = state.Run(pop3);
        Assert.Equal(1, state.BlobRefs["Q1.0"]);

        state = state.Do(state.DecideStore(Store("Trash", StoreFlagsMode.Add, [1], @"\Deleted"))).State;
        state = state.Do(state.DecideExpunge(Expunge("Trash"))).State;
        Assert.False(state.BlobRefs.ContainsKey("Q1.0"));
        Assert.Equal(0, state.StorageUsed);
    }

    [Fact]
    public void Move_expunges_the_sources_in_the_same_decision_and_keeps_usage()
    {
        var state = New().With("INBOX", "Q1", "Q2");

        var (events, reply) = state.DecideCopy(Copy("INBOX", "Junk", true, 1, 2));
        var moved = state.Run(events);

        Assert.Equal(2, events.Count);
        Assert.IsType<MessagesExpunged>(events[1]);
        Assert.Equal([1L, 2L], Assert.IsType<MessagesCopied>(reply).DestUids);
        Assert.Empty(moved.Inbox.Messages);
        Assert.Equal(2, moved.Folders["Junk"].Messages.Count);
        Assert.Equal(state.StorageUsed, moved.StorageUsed);
        Assert.Equal(1, moved.BlobRefs["Q1.0"]);
        // The delivery retry of a moved message still finds it was delivered.
        Assert.True(moved.TryFindQueueId("Q1", out long uid));
        Assert.Equal(1, uid);
    }

    [Fact]
    public void Copy_between_missing_folders_is_refused_and_of_no_existing_uid_copies_nothing()
    {
        var state = New().With("INBOX", "Q1");

        Assert.Equal(FolderError.NoSuchFolder, Assert.IsType<FolderResult>(state.DecideCopy(Copy("INBOX", "Nope", false, 1)).Reply).Error);
        var (events, reply) = state.DecideCopy(Copy("INBOX", "Sent", false, 7));
        Assert.Empty(events);
        Assert.Empty(Assert.IsType<MessagesCopied>(reply).DestUids);
    }

    [Fact]
    public void Expunge_removes_only_deleted_messages_and_uid_expunge_only_the_given_ones()
    {
        var state = New().With("INBOX", "Q1", "Q2", "Q3", "Q4");
        state = state.Do(state.DecideStore(Store("INBOX", StoreFlagsMode.Add, [1, 2, 4], @"\Deleted"))).State;

        var (partly, uidExpunge) = state.Do(state.DecideExpunge(Expunge("INBOX", 2, 3)));
        Assert.Equal([2L], Assert.IsType<FolderExpunged>(uidExpunge).Uids);

        var (_, all) = partly.Do(partly.DecideExpunge(Expunge("INBOX")));
        Assert.Equal([1L, 4L], Assert.IsType<FolderExpunged>(all).Uids);
    }

    [Fact]
    public void Over_the_storage_limit_appends_and_copies_are_refused_but_a_move_is_not()
    {
        var state = New().With("INBOX", "Q1", "Q2") with { StorageLimit = 250 };

        var delivery = state.DecideAppends([Appends.Cmd("Q3", 100)], Appends.Now);
        Assert.Equal([MailboxState.OverQuota], delivery.Uids);
        Assert.Empty(delivery.Events);
        Assert.Equal(FolderError.OverQuota, Assert.IsType<FolderResult>(state.DecideAppendMessage(Append("INBOX", "Q3")).Reply).Error);
        Assert.Equal(FolderError.OverQuota, Assert.IsType<FolderResult>(state.DecideCopy(Copy("INBOX", "Archive", false, 1)).Reply).Error);
        Assert.IsType<MessagesCopied>(state.DecideCopy(Copy("INBOX", "Archive", true, 1, 2)).Reply);
        // Within the limit still fine.
        Assert.IsType<MessageAppendedTo>(state.DecideAppendMessage(Append("INBOX", "Q4", 50)).Reply);
    }

    [Fact]
    public void Status_counts_messages_unseen_recent_and_size()
    {
        var state = New().With("INBOX", "Q1", "Q2", "Q3");
        state = state.Do(state.DecideStore(Store("INBOX", StoreFlagsMode.Add, [2], @"\Seen"))).State;

        var info = state.Inbox.Info(recentFloor: 3);

        Assert.Equal((3, 2, 1, 300L, 4L), (info.Messages, info.Unseen, info.Recent, info.Size, info.UidNext));
        Assert.Equal(state.Inbox.HighestModSeq, info.HighestModSeq);
    }

    [Fact]
    public void Recent_goes_to_the_first_read_write_select_only()
    {
        var state = New().With("INBOX", "Q1");
        var floors = new RecentFloors();
        floors.ResetAll(state);
        state = state.With("INBOX", "Q2", "Q3");

        Assert.Equal([2L, 3L], state.Inbox.RecentUids(floors.Of("INBOX"))); // EXAMINE looks, takes nothing
        Assert.Equal([2L, 3L], floors.Claim(state.Inbox));
        Assert.Empty(floors.Claim(state.Inbox));
        Assert.Equal([1L], floors.Claim(state.Create("New").With("New", "N1").Folders["New"]));
    }
}
