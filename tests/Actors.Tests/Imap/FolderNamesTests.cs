using Mail.Actors.Imap;

namespace Mail.Actors.Tests.Imap;

public sealed class FolderNamesTests
{
    [Theory]
    [InlineData("*", "a/b/c", true)]
    [InlineData("%", "a/b", false)]
    [InlineData("%", "a", true)]
    [InlineData("a/%", "a/b", true)]
    [InlineData("a/%", "a/b/c", false)]
    [InlineData("a*", "a/b/c", true)]
    [InlineData("inbox", "INBOX", true)]
    [InlineData("Inbox/%", "INBOX/x", true)]
    [InlineData("sent", "Sent", false)]
    [InlineData("S%t", "Sent", true)]
    public void List_wildcards_match_like_rfc3501(string pattern, string name, bool matches) =>
        Assert.Equal(matches, FolderNames.Matches(pattern, name));

    [Theory]
    [InlineData("inbox", "INBOX")]
    [InlineData("Work/", "Work")]
    [InlineData("&AMQ-rger", "Ärger")]
    [InlineData("/abs", null)]
    [InlineData("a//b", null)]
    [InlineData("&Jjo", null)]
    public void Wire_names_are_decoded_and_checked(string wire, string? stored) =>
        Assert.Equal(stored, FolderNames.FromWire(wire));

    [Fact]
    public void Names_go_out_in_modified_utf7_and_quoted() =>
        Assert.Equal("\"&AMQ-rger \\\"x\\\"\"", FolderNames.ToWire("Ärger \"x\""));
}
