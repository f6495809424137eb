using Mail.Actors.Mailbox;
using static Mail.Actors.Tests.Mailbox.Folders;

namespace Mail.Actors.Tests.Mailbox;

/// Folder rules of the pure state: defaults, CREATE, DELETE, RENAME, subscriptions, UIDVALIDITY.
public sealed class MailboxFolderRulesTests
{
    [Fact]
    public void A_new_mailbox_gets_INBOX_and_the_special_use_folders_all_subscribed_with_distinct_uidvalidities()
    {
        var state = New();

        Assert.Equal(["Archive", "Drafts", "INBOX", "Junk", "Sent", "Trash"], state.Folders.Keys);
        Assert.Equal(@"\Sent", state.Folders["Sent"].SpecialUse);
        Assert.Equal(@"\Archive", state.Folders["Archive"].SpecialUse);
        Assert.Null(state.Inbox.SpecialUse);
        Assert.Equal(state.Folders.Keys, state.Subscriptions.ToArray());
        Assert.Equal(6, state.Folders.Values.Select(f => f.UidValidity).Distinct().Count());
        Assert.Empty(state.DecideInitialization(Appends.Now));
    }

    [Fact]
    public void A_mailbox_from_before_folders_keeps_INBOX_and_gets_only_the_default_folders()
    {
        var old = MailboxState.Empty.Run([new MailboxCreated(1_700_000_000), new MessageAppended("Q1", 1, "Q1.0", 10, Appends.Now)]);

        var events = old.DecideInitialization(Appends.Now);

        var defaults = Assert.IsType<DefaultFoldersCreated>(Assert.Single(events));
        Assert.Equal(5, defaults.Folders.Count);
        var state = old.Run(events);
        Assert.Equal(1_700_000_000, state.UidValidity);
        Assert.Equal([1L], state.Messages.Keys);
    }

    [Fact]
    public void A_deleted_default_folder_is_not_created_again()
    {
        var state = New();
        state = state.Run(state.DecideDelete("Junk").Events);

        Assert.False(state.Folders.ContainsKey("Junk"));
        Assert.Empty(state.DecideInitialization(Appends.Now));
    }

    [Fact]
    public void Create_makes_missing_superiors_and_a_folder_created_again_gets_a_new_uidvalidity()
    {
        var state = New().Create("Projects/2026/Q4/");

        Assert.All(new[] { "Projects", "Projects/2026", "Projects/2026/Q4" }, n => Assert.False(state.Folders[n].NoSelect));
        var first = state.Folders["Projects/2026/Q4"].UidValidity;

        state = state.Run(state.DecideDelete("Projects/2026/Q4").Events).Create("Projects/2026/Q4");

        // Same second (the clock is fixed here), still a new and higher value.
        Assert.True(state.Folders["Projects/2026/Q4"].UidValidity > first);
        Assert.Equal(state.Folders.Count, state.Folders.Values.Select(f => f.UidValidity).Distinct().Count());
    }

    [Theory]
    [InlineData("Sent", FolderError.AlreadyExists)]
    [InlineData("inbox", FolderError.AlreadyExists)]
    [InlineData("", FolderError.Invalid)]
    [InlineData("/abs", FolderError.Invalid)]
    [InlineData("a//b", FolderError.Invalid)]
    [InlineData("wild*", FolderError.Invalid)]
    [InlineData("pct%", FolderError.Invalid)]
    [InlineData("tab\there", FolderError.Invalid)]
    public void Create_refuses(string name, FolderError error)
    {
        var (events, result) = New().DecideCreate(name, null, Appends.Now);

        Assert.Empty(events);
        Assert.Equal(error, result.Error);
        Assert.False(result.Ok);
    }

    [Fact]
    public void Create_with_a_special_use_keeps_it_and_refuses_an_unknown_one()
    {
        var state = New();

        var (created, ok) = state.Do(state.DecideCreate("Old Sent", @"\Sent", Appends.Now));
        var (_, bad) = state.DecideCreate("X", @"\Important", Appends.Now);

        Assert.True(ok.Ok);
        Assert.Equal(@"\Sent", created.Folders["Old Sent"].SpecialUse);
        Assert.Equal(FolderError.Invalid, bad.Error);
    }

    [Fact]
    public void Names_are_unicode_and_INBOX_is_case_insensitive_also_as_a_superior()
    {
        var state = New().Create("inbox/Çà et là").Create("Über");

        Assert.Contains("INBOX/Çà et là", state.Folders.Keys);
        Assert.Contains("Über", state.Folders.Keys);
        Assert.NotNull(state.Folder("InBoX"));
    }

    [Fact]
    public void Delete_refuses_INBOX_and_unknown_folders()
    {
        var state = New();

        Assert.Equal(FolderError.NotAllowed, state.DecideDelete("inbox").Result.Error);
        Assert.Equal(FolderError.NoSuchFolder, state.DecideDelete("Nope").Result.Error);
    }

    [Fact]
    public void Delete_of_a_folder_with_children_drops_its_messages_and_leaves_it_Noselect()
    {
        var state = New().Create("A/B").With("A", "Q1", "Q2");

        var (deleted, result) = state.Do(state.DecideDelete("A"));

        Assert.True(result.Ok);
        Assert.True(deleted.Folders["A"].NoSelect);
        Assert.Empty(deleted.Folders["A"].Messages);
        Assert.False(deleted.BlobRefs.ContainsKey("Q1.0"));
        Assert.Equal(0, deleted.StorageUsed);
        Assert.Equal(FolderError.NoSelect, (deleted.Selectable("A", out var error), error!.Error).Item2);
        // RFC 3501 6.3.4: a \Noselect folder with inferiors cannot be deleted...
        Assert.Equal(FolderError.HasChildren, deleted.DecideDelete("A").Result.Error);
        // ...but once the children are gone it can.
        deleted = deleted.Run(deleted.DecideDelete("A/B").Events);
        deleted = deleted.Run(deleted.DecideDelete("A").Events);
        Assert.False(deleted.Folders.ContainsKey("A"));
    }

    [Fact]
    public void Create_on_a_Noselect_name_makes_it_selectable_with_a_new_uidvalidity()
    {
        var state = New().Create("A/B");
        var before = state.Folders["A"].UidValidity;
        state = state.Run(state.DecideDelete("A").Events);

        state = state.Create("A");

        Assert.False(state.Folders["A"].NoSelect);
        Assert.True(state.Folders["A"].UidValidity > before);
    }

    [Fact]
    public void Rename_moves_children_keeps_uidvalidity_and_messages_and_creates_superiors()
    {
        var state = New().Create("A/B").With("A/B", "Q1");
        var validity = state.Folders["A/B"].UidValidity;

        var (renamed, result) = state.Do(state.DecideRename("A", "X/Y", Appends.Now));

        Assert.True(result.Ok);
        Assert.DoesNotContain(renamed.Folders.Keys, n => n == "A" || n.StartsWith("A/", StringComparison.Ordinal));
        Assert.Contains("X", renamed.Folders.Keys);
        Assert.Equal(validity, renamed.Folders["X/Y/B"].UidValidity);
        Assert.Equal([1L], renamed.Folders["X/Y/B"].Messages.Keys);
        // The queue-id index follows the message: a retried APPEND answers with its new home.
        var retry = Assert.IsType<MessageAppendedTo>(renamed.DecideAppendMessage(Append("anything", "Q1")).Reply);
        Assert.Equal(("X/Y/B", 1L), (retry.Folder, retry.Uid));
    }

    [Theory]
    [InlineData("Nope", "Z", FolderError.NoSuchFolder)]
    [InlineData("Sent", "Trash", FolderError.AlreadyExists)]
    [InlineData("Sent", "Sent/Sub", FolderError.Invalid)]
    [InlineData("Sent", "inbox", FolderError.AlreadyExists)]
    public void Rename_refuses(string from, string to, FolderError error)
    {
        Assert.Equal(error, New().DecideRename(from, to, Appends.Now).Result.Error);
    }

    [Fact]
    public void Renaming_INBOX_moves_its_messages_and_leaves_an_empty_INBOX_with_a_new_uidvalidity()
    {
        var state = New().Create("INBOX/Child").With("INBOX", "Q1", "Q2");
        var old = state.Inbox;

        var (renamed, result) = state.Do(state.DecideRename("INBOX", "Old Mail", Appends.Now));

        Assert.True(result.Ok);
        Assert.Equal(old.Messages.Keys, renamed.Folders["Old Mail"].Messages.Keys);
        Assert.Equal(old.UidValidity, renamed.Folders["Old Mail"].UidValidity);
        Assert.Empty(renamed.Inbox.Messages);
        Assert.True(renamed.UidValidity > renamed.Folders.Values.Where(f => f.Name != "INBOX").Max(f => f.UidValidity));
        Assert.Contains("INBOX/Child", renamed.Folders.Keys); // children of INBOX stay
        Assert.Equal(old.Size, renamed.StorageUsed);
    }

    [Fact]
    public void Subscriptions_may_name_folders_that_do_not_exist_and_survive_a_delete()
    {
        var state = New();
        state = state.Run(state.DecideSubscription("Later", true).Events);
        state = state.Run(state.DecideSubscription("Junk", false).Events);
        state = state.Run(state.DecideDelete("Sent").Events);

        Assert.Contains("Later", state.Subscriptions);
        Assert.DoesNotContain("Junk", state.Subscriptions);
        Assert.Contains("Sent", state.Subscriptions);
        Assert.Empty(state.DecideSubscription("Later", true).Events); // already so: nothing to write
    }
}
