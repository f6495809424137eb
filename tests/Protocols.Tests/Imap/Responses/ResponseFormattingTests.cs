using System.Text;
using Mail.Protocols.Imap;
using Xunit;

namespace Mail.Protocols.Tests.Imap.Responses;

public class ResponseFormattingTests
{
    [Theory]
    [InlineData(2024, 2, 7, 5, 6, 7, -5, 0, " 7-Feb-2024 05:06:07 -0500")]
    [InlineData(1999, 12, 31, 23, 59, 59, 0, 0, "31-Dec-1999 23:59:59 +0000")]
    [InlineData(2024, 5, 10, 0, 0, 0, 5, 30, "10-May-2024 00:00:00 +0530")]
    [InlineData(2024, 8, 1, 12, 0, 0, -3, -30, " 1-Aug-2024 12:00:00 -0330")]
    public void Internal_dates_use_the_fixed_imap_form(int y, int mo, int d, int h, int mi, int s, int offH, int offM, string expected)
    {
        var value = new DateTimeOffset(y, mo, d, h, mi, s, new TimeSpan(offH, offM, 0));
        Assert.Equal(expected, ImapDate.Format(value));
        Assert.Equal("\"" + expected + "\"", ImapDate.Quoted(value));
    }

    [Theory]
    [InlineData(new long[] { }, "")]
    [InlineData(new long[] { 4 }, "4")]
    [InlineData(new long[] { 1, 2, 3, 4, 5, 7, 9, 10, 11, 12 }, "1:5,7,9:12")]
    [InlineData(new long[] { 1, 3, 5 }, "1,3,5")]
    [InlineData(new long[] { 5, 6, 2, 3 }, "5:6,2:3")]
    [InlineData(new long[] { 4294967294, 4294967295 }, "4294967294:4294967295")]
    public void Uid_sets_are_compact(long[] uids, string expected)
    {
        Assert.Equal(expected, UidSetWriter.Write(uids));
    }

    [Fact]
    public void Flag_lists_are_parenthesised()
    {
        Assert.Equal("()", FlagList.Render([]));
        Assert.Equal("(\\Seen \\Answered $Label1)", FlagList.Render(["\\Seen", "\\Answered", "$Label1"]));
    }

    public static TheoryData<ResponseCode, string> Codes => new()
    {
        { ResponseCode.UidValidity(3857529045), "UIDVALIDITY 3857529045" },
        { ResponseCode.UidNext(4392), "UIDNEXT 4392" },
        { ResponseCode.TryCreate, "TRYCREATE" },
        { ResponseCode.CopyUid(38505, [304, 319, 320], [3956, 3957, 3958]), "COPYUID 38505 304,319:320 3956:3958" },
        { ResponseCode.AppendUid(38505, [3955]), "APPENDUID 38505 3955" },
        { ResponseCode.HighestModSeq(715194045007), "HIGHESTMODSEQ 715194045007" },
        { ResponseCode.Nonexistent, "NONEXISTENT" },
        { ResponseCode.AlreadyExists, "ALREADYEXISTS" },
        { ResponseCode.OverQuota, "OVERQUOTA" },
        { ResponseCode.Cannot, "CANNOT" },
        { ResponseCode.AuthenticationFailed, "AUTHENTICATIONFAILED" },
        { ResponseCode.Unavailable, "UNAVAILABLE" },
        { ResponseCode.ClientBug, "CLIENTBUG" },
        { ResponseCode.TooBig, "TOOBIG" },
        { ResponseCode.BadCharset(), "BADCHARSET" },
        { ResponseCode.BadCharset("US-ASCII", "UTF-8"), "BADCHARSET (US-ASCII UTF-8)" },
        { ResponseCode.Limit, "LIMIT" },
        { ResponseCode.PermanentFlags(["\\Seen", "\\*"]), "PERMANENTFLAGS (\\Seen \\*)" },
        { ResponseCode.Modified([7, 9]), "MODIFIED 7,9" },
        { ResponseCode.UnknownCte, "UNKNOWN-CTE" },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void Response_codes_render_as_the_rfcs_spell_them(ResponseCode code, string expected)
    {
        Assert.Equal("a1 NO [" + expected + "] failed\r\n", Encoding.ASCII.GetString(StatusResponse.Tagged("a1", ImapStatus.No, "failed", code)));
    }

    [Fact]
    public void Status_lines_are_one_line_with_non_empty_text()
    {
        Assert.Equal("* OK [UIDVALIDITY 7] UIDs valid\r\n", Encoding.ASCII.GetString(StatusResponse.Untagged(ImapStatus.Ok, "UIDs valid", ResponseCode.UidValidity(7))));
        Assert.Equal("A2 BAD a  b\r\n", Encoding.ASCII.GetString(StatusResponse.Tagged("A2", ImapStatus.Bad, "a\r\nb")));
        Assert.Equal("* BYE bye\r\n", Encoding.ASCII.GetString(StatusResponse.Untagged(ImapStatus.Bye, "")));
        Assert.Equal("* PREAUTH ok\r\n", Encoding.ASCII.GetString(StatusResponse.Untagged(ImapStatus.PreAuth, "ok")));
        Assert.Equal("+ Ready\r\n", Encoding.ASCII.GetString(StatusResponse.Continuation()));
    }

    [Fact]
    public void Untagged_data_responses()
    {
        Assert.Equal("* 23 EXISTS\r\n", Encoding.ASCII.GetString(UntaggedResponses.Exists(23)));
        Assert.Equal("* 1 RECENT\r\n", Encoding.ASCII.GetString(UntaggedResponses.Recent(1)));
        Assert.Equal("* 4 EXPUNGE\r\n", Encoding.ASCII.GetString(UntaggedResponses.Expunge(4)));
        Assert.Equal("* FLAGS (\\Seen \\Deleted)\r\n", Encoding.ASCII.GetString(UntaggedResponses.Flags(["\\Seen", "\\Deleted"])));
        Assert.Equal("* SEARCH\r\n", Encoding.ASCII.GetString(UntaggedResponses.Search([])));
        Assert.Equal("* SEARCH 2 84 882 (MODSEQ 917162500)\r\n", Encoding.ASCII.GetString(UntaggedResponses.Search([2, 84, 882], 917162500)));
        Assert.Equal("* ESEARCH (TAG \"A282\") MIN 2 COUNT 3\r\n", Encoding.ASCII.GetString(UntaggedResponses.ESearch("A282", false, [2, 10, 11], ["MIN", "COUNT"])));
        Assert.Equal("* ESEARCH (TAG \"A283\") UID ALL 2,10:11\r\n", Encoding.ASCII.GetString(UntaggedResponses.ESearch("A283", true, [2, 10, 11], [])));
        Assert.Equal("* ESEARCH (TAG \"A284\") COUNT 0\r\n", Encoding.ASCII.GetString(UntaggedResponses.ESearch("A284", false, [], ["MIN", "MAX", "COUNT"])));
    }
}
