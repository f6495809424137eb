using Mail.Protocols.Imap;
using Xunit;

namespace Mail.Protocols.Tests.Imap.Parsing;

/// <summary>Which command in which state (RFC 3501 3 and 6, and the extensions).</summary>
public sealed class ImapStateTableTests
{
    [Theory]
    [InlineData("CAPABILITY", true, true, true)]
    [InlineData("NOOP", true, true, true)]
    [InlineData("LOGOUT", true, true, true)]
    [InlineData("ID", true, true, true)]
    [InlineData("STARTTLS", true, false, false)]
    [InlineData("AUTHENTICATE", true, false, false)]
    [InlineData("LOGIN", true, false, false)]
    [InlineData("SELECT", false, true, true)]
    [InlineData("EXAMINE", false, true, true)]
    [InlineData("CREATE", false, true, true)]
    [InlineData("DELETE", false, true, true)]
    [InlineData("RENAME", false, true, true)]
    [InlineData("SUBSCRIBE", false, true, true)]
    [InlineData("UNSUBSCRIBE", false, true, true)]
    [InlineData("LIST", false, true, true)]
    [InlineData("LSUB", false, true, true)]
    [InlineData("STATUS", false, true, true)]
    [InlineData("APPEND", false, true, true)]
    [InlineData("NAMESPACE", false, true, true)]
    [InlineData("IDLE", false, true, true)]
    [InlineData("GETQUOTA", false, true, true)]
    [InlineData("GETQUOTAROOT", false, true, true)]
    [InlineData("ENABLE", false, true, false)]
    [InlineData("CHECK", false, false, true)]
    [InlineData("CLOSE", false, false, true)]
    [InlineData("UNSELECT", false, false, true)]
    [InlineData("EXPUNGE", false, false, true)]
    [InlineData("SEARCH", false, false, true)]
    [InlineData("FETCH", false, false, true)]
    [InlineData("STORE", false, false, true)]
    [InlineData("COPY", false, false, true)]
    [InlineData("MOVE", false, false, true)]
    [InlineData("UID SEARCH", false, false, true)]
    [InlineData("UID FETCH", false, false, true)]
    [InlineData("UID STORE", false, false, true)]
    [InlineData("UID COPY", false, false, true)]
    [InlineData("UID MOVE", false, false, true)]
    [InlineData("UID EXPUNGE", false, false, true)]
    public void Allows_commands_where_the_rfc_does(string verb, bool notAuthenticated, bool authenticated, bool selected)
    {
        Assert.Equal(notAuthenticated, ImapStateTable.IsAllowed(ImapState.NotAuthenticated, verb));
        Assert.Equal(authenticated, ImapStateTable.IsAllowed(ImapState.Authenticated, verb));
        Assert.Equal(selected, ImapStateTable.IsAllowed(ImapState.Selected, verb));
        Assert.False(ImapStateTable.IsAllowed(ImapState.Logout, verb));
    }

    [Theory]
    [InlineData("a CAPABILITY\r\n")]
    [InlineData("a STARTTLS\r\n")]
    [InlineData("a SELECT x\r\n")]
    [InlineData("a EXAMINE x\r\n")]
    [InlineData("a UID FETCH 1 FLAGS\r\n")]
    [InlineData("a UID EXPUNGE 1\r\n")]
    [InlineData("a UID MOVE 1 x\r\n")]
    [InlineData("a UNSELECT\r\n")]
    [InlineData("a GETQUOTAROOT INBOX\r\n")]
    public void Every_parsed_command_has_a_row(string wire)
    {
        var command = Assert.IsType<CommandInput>(ImapFeed.Single(wire)).Command;
        Assert.NotEmpty(ImapStateTable.StatesOf(command.Request.Verb));
    }

    [Fact]
    public void The_wrong_state_text_says_where_the_command_belongs()
    {
        Assert.Equal("FETCH not valid in authenticated state, only in selected state",
            ImapStateTable.WrongStateText(ImapState.Authenticated, "fetch"));
        Assert.Equal("LIST not valid in not authenticated state, only in authenticated or selected state",
            ImapStateTable.WrongStateText(ImapState.NotAuthenticated, "LIST"));
        Assert.Equal("NOOP not valid in logout state", ImapStateTable.WrongStateText(ImapState.Logout, "NOOP"));
        Assert.False(ImapStateTable.IsAllowed(ImapState.Selected, "FROB"));
    }
}
