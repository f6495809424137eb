using Mail.Actors.Imap;
using Mail.Actors.Mailbox;
using Mail.Protocols.Imap;

namespace Mail.Actors.Tests.Imap;

/// RFC 3501 7.4.1 and 5.2: what the client may be told when, and sequence numbers that never shift under it.
public sealed class SelectedViewTests
{
    private static StoredMessage Message(long uid, params string[] flags) =>
        new(uid, "q" + uid, "b" + uid, 100, DateTimeOffset.UnixEpoch) { Flags = flags, ModSeq = (ulong)uid };

    private static SelectedView View(params long[] uids) =>
        new(new FolderSelected("INBOX", 7, uids.DefaultIfEmpty(0).Max() + 1, 5, [.. uids.Select(u => Message(u))], [], []), readOnly: false);

    private static FolderChanged Change(IReadOnlyList<StoredMessage>? appended = null, IReadOnlyList<long>? expunged = null, IReadOnlyList<StoredMessage>? flags = null) =>
        new("u@example.test", "INBOX", appended ?? [], expunged ?? [], flags ?? [], 9, null);

    private static SequenceSet Set(long a, long b) => new([new SequenceRange(a, b)]);

    [Fact]
    public void Expunges_wait_while_not_allowed_and_numbers_stay_put()
    {
        var view = View(10, 20, 30);
        view.Enqueue(Change(expunged: [10]), ownSilentStore: false);
        Assert.Empty(view.Flush(expungesAllowed: false, withModSeq: false));
        Assert.Equal(3, view.Count);
        Assert.Equal(30, view.UidAt(3));
        Assert.Equal(["* 1 EXPUNGE"], view.Flush(expungesAllowed: true, withModSeq: false));
        Assert.Equal(2, view.Count);
        Assert.Equal(20, view.UidAt(1));
    }

    [Fact]
    public void Several_expunges_are_numbered_as_the_client_renumbers()
    {
        var view = View(1, 2, 3, 4, 5);
        view.Enqueue(Change(expunged: [2, 4, 5]), false);
        // After "* 2 EXPUNGE" the old 4 is 3, the old 5 is then 3 again.
        Assert.Equal(["* 2 EXPUNGE", "* 3 EXPUNGE", "* 3 EXPUNGE"], view.Flush(true, false));
        Assert.Equal([1L, 3L], view.All().Select(m => m.Message.Uid));
    }

    [Fact]
    public void New_messages_come_as_exists_and_recent_and_flag_changes_as_fetch()
    {
        var view = View(1, 2);
        view.Enqueue(Change(appended: [Message(3)], flags: [Message(1, "\\Seen")]), false);
        view.ClaimRecent([3]);
        Assert.Equal(["* 3 EXISTS", "* 1 RECENT", "* 1 FETCH (UID 1 FLAGS (\\Seen))"], view.Flush(false, false));
        Assert.True(view.IsRecent(3));
        Assert.Empty(view.Flush(true, false));
    }

    [Fact]
    public void Own_silent_stores_are_not_echoed()
    {
        var view = View(1);
        view.Enqueue(Change(flags: [Message(1, "\\Deleted")]), ownSilentStore: true);
        Assert.Empty(view.Flush(true, false));
        Assert.Equal(["\\Deleted"], view.Message(1)!.Flags);
    }

    [Fact]
    public void Sequence_and_uid_sets_resolve_with_star()
    {
        var view = View(4, 8, 15, 16);
        Assert.Equal([3, 4], view.Resolve(Set(3, SequenceSet.Star), byUid: false).Select(t => t.Sequence));
        Assert.Equal([8L, 15L], view.Resolve(Set(5, 15), byUid: true).Select(t => t.Message.Uid));
        // "100:*" names the last message even though 100 > its UID (RFC 3501 6.4.8).
        Assert.Equal([16L], view.Resolve(Set(100, SequenceSet.Star), byUid: true).Select(t => t.Message.Uid));
        Assert.False(view.SequenceSetValid(Set(1, 5)));
        Assert.True(view.SequenceSetValid(Set(1, SequenceSet.Star)));
        Assert.False(View().SequenceSetValid(Set(1, SequenceSet.Star)));
    }
}
