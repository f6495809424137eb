using Mail.Actors.Mailbox;

namespace Mail.Actors.Tests.Mailbox;

public sealed class MessageFlagsAndNamesTests
{
    [Theory]
    [InlineData(new[] { @"\SEEN", @"\answered", @"\Flagged", @"\DELETED", @"\draft" }, new[] { @"\Seen", @"\Answered", @"\Flagged", @"\Deleted", @"\Draft" })]
    [InlineData(new[] { @"\Recent", @"\Unknown", "$Forwarded" }, new[] { "$Forwarded" })]
    [InlineData(new[] { "Work", "WORK", "work", @"\Seen", @"\seen" }, new[] { "Work", @"\Seen" })]
    [InlineData(new[] { "", "has space", "paren(", "ok" }, new[] { "ok" })]
    public void Normalize_spells_system_flags_canonically_keeps_keywords_and_drops_duplicates(string[] given, string[] expected)
    {
        Assert.Equal(expected, MessageFlags.Normalize(given));
    }

    [Theory]
    [InlineData("INBOX", "INBOX")]
    [InlineData("inbox", "INBOX")]
    [InlineData("Inbox/Sub", "INBOX/Sub")]
    [InlineData("Inboxes", "Inboxes")]
    [InlineData("a/b/", "a/b")]
    [InlineData("Entwürfe", "Entwürfe")]
    [InlineData("a//b", null)]
    [InlineData("/", null)]
    [InlineData("", null)]
    [InlineData("x%", null)]
    public void Normalize_canonicalizes_INBOX_and_refuses_what_cannot_be_a_folder(string name, string? expected)
    {
        Assert.Equal(expected, FolderName.Normalize(name));
    }

    [Fact]
    public void Superiors_and_hierarchy()
    {
        Assert.Equal(["a", "a/b"], FolderName.Superiors("a/b/c"));
        Assert.True(FolderName.IsUnder("a/b", "a"));
        Assert.False(FolderName.IsUnder("ab", "a"));
        Assert.False(FolderName.IsUnder("a", "a"));
    }
}
