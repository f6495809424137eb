using Xunit;
using Mail.Protocols.Pop3;

namespace Mail.Protocols.Tests.Pop3;

public class Pop3StateTableTests
{
    [Theory]
    [InlineData(Pop3State.Authorization, "USER", false, true)]
    [InlineData(Pop3State.Authorization, "user", false, true)]
    [InlineData(Pop3State.Authorization, "APOP", false, true)]
    [InlineData(Pop3State.Authorization, "AUTH", false, true)]
    [InlineData(Pop3State.Authorization, "CAPA", false, true)]
    [InlineData(Pop3State.Authorization, "STLS", false, true)]
    [InlineData(Pop3State.Authorization, "QUIT", false, true)]
    [InlineData(Pop3State.Authorization, "PASS", false, false)]
    [InlineData(Pop3State.Authorization, "PASS", true, true)]
    [InlineData(Pop3State.Authorization, "STAT", false, false)]
    [InlineData(Pop3State.Authorization, "RETR", true, false)]
    [InlineData(Pop3State.Authorization, "NOOP", false, false)]
    [InlineData(Pop3State.Transaction, "STAT", false, true)]
    [InlineData(Pop3State.Transaction, "LIST", false, true)]
    [InlineData(Pop3State.Transaction, "UIDL", false, true)]
    [InlineData(Pop3State.Transaction, "RETR", false, true)]
    [InlineData(Pop3State.Transaction, "TOP", false, true)]
    [InlineData(Pop3State.Transaction, "DELE", false, true)]
    [InlineData(Pop3State.Transaction, "RSET", false, true)]
    [InlineData(Pop3State.Transaction, "NOOP", false, true)]
    [InlineData(Pop3State.Transaction, "CAPA", false, true)]
    [InlineData(Pop3State.Transaction, "QUIT", false, true)]
    [InlineData(Pop3State.Transaction, "USER", false, false)]
    [InlineData(Pop3State.Transaction, "PASS", true, false)]
    [InlineData(Pop3State.Transaction, "AUTH", false, false)]
    [InlineData(Pop3State.Transaction, "STLS", false, false)]
    [InlineData(Pop3State.Update, "QUIT", false, false)]
    public void Table_matches_rfc_1939(Pop3State state, string verb, bool afterUser, bool allowed) =>
        Assert.Equal(allowed, Pop3StateTable.IsAllowed(state, verb, afterUser));

    [Fact]
    public void Command_overload_uses_the_verb()
    {
        Assert.True(Pop3StateTable.IsAllowed(Pop3State.Transaction, new Top(1, 0)));
        Assert.False(Pop3StateTable.IsAllowed(Pop3State.Authorization, new Pass("x")));
        Assert.True(Pop3StateTable.IsAllowed(Pop3State.Authorization, new Pass("x"), afterUser: true));
    }

    [Fact]
    public void Wrong_state_replies_list_what_the_table_allows()
    {
        Assert.Equal(
            "-ERR STAT not valid in AUTHORIZATION state, expected USER/APOP/AUTH/STLS/CAPA/QUIT",
            Pop3Reply.ToText(Pop3StateTable.WrongState(Pop3State.Authorization, Stat.Instance)));
        Assert.Equal(
            "-ERR USER not valid in TRANSACTION state, expected STAT/LIST/UIDL/RETR/TOP/DELE/RSET/NOOP/CAPA/QUIT",
            Pop3Reply.ToText(Pop3StateTable.WrongState(Pop3State.Transaction, new User("a"))));
        Assert.Equal(
            "-ERR PASS must follow a successful USER",
            Pop3Reply.ToText(Pop3StateTable.WrongState(Pop3State.Authorization, new Pass("x"))));
        Assert.Equal("NOOP not valid in UPDATE state", Pop3StateTable.WrongStateText(Pop3State.Update, "noop"));
    }
}
