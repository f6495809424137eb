using Mail.Actors.Mailbox;
using static Mail.Actors.Tests.Mailbox.Folders;

namespace Mail.Actors.Tests.Mailbox;

/// What one command's events tell the sessions of each folder.
public sealed class FolderChangesTests
{
    [Fact]
    public void A_move_is_an_expunge_in_the_source_and_an_append_in_the_target()
    {
        var state = New().With("INBOX", "Q1", "Q2");
        var (events, _) = state.DecideCopy(Copy("INBOX", "Archive", true, 2));
        var after = state.Run(events);

        var (changed, gone) = FolderChanges.Of(Id, state, after, events, null);

        Assert.Empty(gone);
        var inbox = Assert.Single(changed, c => c.Folder == "INBOX");
        Assert.Equal([2L], inbox.ExpungedUids);
        Assert.Equal(after.Inbox.HighestModSeq, inbox.HighestModSeq);
        var archive = Assert.Single(changed, c => c.Folder == "Archive");
        Assert.Equal([after.Folders["Archive"].Messages[1]], archive.Appended);
        Assert.Empty(archive.FlagsChanged);
    }

    [Fact]
    public void Renaming_INBOX_or_a_parent_and_deleting_a_folder_make_their_sessions_unselect()
    {
        var state = New().Create("A/B");

        Assert.Equal(["INBOX"], Gone(state, state.DecideRename("INBOX", "Old", Appends.Now).Events));
        Assert.Equal(["A", "A/B"], Gone(state, state.DecideRename("A", "Z", Appends.Now).Events));
        Assert.Equal(["A"], Gone(state, state.DecideDelete("A").Events));
    }

    [Fact]
    public void Commands_that_change_nothing_tell_nobody()
    {
        var state = New().With("INBOX", "Q1");
        var (events, _) = state.DecideStore(Store("INBOX", StoreFlagsMode.Remove, [1], @"\Seen"));

        Assert.Empty(FolderChanges.Of(Id, state, state.Run(events), events, null).Changed);
    }

    private static IReadOnlyList<string> Gone(MailboxState state, IReadOnlyList<IMailboxEvent> events) =>
        FolderChanges.Of(Id, state, state.Run(events), events, null).Gone;
}
