using Mail.Protocols.Imap;
using Xunit;
using static Mail.Protocols.Tests.Imap.Parsing.ImapFeed;

namespace Mail.Protocols.Tests.Imap.Parsing;

/// <summary>
/// Input that is not a valid command becomes a BAD with the tag when one could be read and a
/// text saying what was wrong; the next command is read normally, whichever way it is fed.
/// </summary>
public sealed class MalformedCommandTests
{
    [Theory]
    [InlineData("\r\n", null, "Empty command line")]
    [InlineData("a1\r\n", "a1", "Missing command")]
    [InlineData("+a NOOP\r\n", null, "Invalid tag")]
    [InlineData("(x NOOP\r\n", null, "Invalid tag")]
    [InlineData("a1 FROB\r\n", "a1", "Unknown command")]
    [InlineData("a1  NOOP\r\n", "a1", "Invalid command")]
    [InlineData("a1 NOOP now\r\n", "a1", "NOOP takes no arguments")]
    [InlineData("a1 LOGIN\r\n", "a1", "Missing space before user name")]
    [InlineData("a1 LOGIN fred\r\n", "a1", "Missing space before password")]
    [InlineData("a1 LOGIN fred \"secret\r\n", "a1", "Unterminated quoted string in password")]
    [InlineData("a1 LOGIN fred \"se\\cret\"\r\n", "a1", "Invalid escape in quoted string in password")]
    [InlineData("a1 LOGIN fred \"a\" extra\r\n", "a1", "Unexpected text at end of command")]
    [InlineData("a1 LOGIN fred (x)\r\n", "a1", "Invalid password")]
    [InlineData("a1 LOGIN \"\u00ff\" x\r\n", "a1", "Invalid UTF-8 in user name")]
    [InlineData("a1 LOGIN {3+} x\r\n", "a1", "Invalid user name")]
    [InlineData("a1 AUTHENTICATE PLAIN !!!!\r\n", "a1", "Invalid base64 in initial response")]
    [InlineData("a1 AUTHENTICATE PLAIN abc\r\n", "a1", "Invalid base64 in initial response")]
    [InlineData("a1 SELECT\r\n", "a1", "Missing space before mailbox name")]
    [InlineData("a1 SELECT INBOX (QRESYNC (1 2))\r\n", "a1", "Unknown SELECT parameter QRESYNC")]
    [InlineData("a1 SELECT INBOX ()\r\n", "a1", "Empty SELECT parameters")]
    [InlineData("a1 CREATE x (USE (Drafts))\r\n", "a1", "Expected special-use attribute")]
    [InlineData("a1 CREATE x (FOO (\\Drafts))\r\n", "a1", "Unknown CREATE parameter FOO")]
    [InlineData("a1 RENAME a\r\n", "a1", "Missing space before new mailbox name")]
    [InlineData("a1 STATUS INBOX ()\r\n", "a1", "Empty status items")]
    [InlineData("a1 STATUS INBOX (MESSAGES BOGUS)\r\n", "a1", "Unknown status item BOGUS")]
    [InlineData("a1 STATUS INBOX MESSAGES\r\n", "a1", "Expected '(' before status items")]
    [InlineData("a1 LIST (RECURSIVEMATCH) \"\" *\r\n", "a1", "RECURSIVEMATCH needs another selection option")]
    [InlineData("a1 LIST (BOGUS) \"\" *\r\n", "a1", "Unknown LIST selection option BOGUS")]
    [InlineData("a1 LIST \"\" * RETURN (BOGUS)\r\n", "a1", "Unknown LIST return option BOGUS")]
    [InlineData("a1 LIST \"\" * TURN (CHILDREN)\r\n", "a1", "Expected RETURN")]
    [InlineData("a1 LIST \"\"\r\n", "a1", "Missing space before mailbox pattern")]
    [InlineData("a1 LSUB \"\" (x)\r\n", "a1", "Invalid mailbox pattern")]
    [InlineData("a1 APPEND INBOX \"hello\"\r\n", "a1", "Invalid APPEND date-time")]
    [InlineData("a1 APPEND INBOX (\\Seen)\r\n", "a1", "Missing space before message literal")]
    [InlineData("a1 APPEND INBOX (\\Seen) x\r\n", "a1", "Expected literal for message")]
    [InlineData("a1 APPEND INBOX \"31-Apr-2020 00:00:00 +0000\" {1+}\r\nx\r\n", "a1", "Invalid APPEND date-time")]
    [InlineData("a1 APPEND INBOX \"01-Apr-2020 24:00:00 +0000\" {1+}\r\nx\r\n", "a1", "Invalid APPEND date-time")]
    [InlineData("a1 APPEND INBOX \"1-Apr-2020 10:00:00 +0000\" {1+}\r\nx\r\n", "a1", "Invalid APPEND date-time")]
    [InlineData("a1 APPEND INBOX \"01-Apr-2020 10:00:00 0000\" {1+}\r\nx\r\n", "a1", "Invalid zone in APPEND date-time")]
    [InlineData("a1 APPEND INBOX {1+}\r\nx extra\r\n", "a1", "Unexpected text at end of command")]
    [InlineData("a1 APPEND INBOX \"01-Jan-0001 00:00:00 +0100\" {1+}\r\nx\r\n", "a1", "Invalid APPEND date-time")]
    [InlineData("a1 APPEND INBOX \"31-Dec-9999 23:59:59 -1400\" {1+}\r\nx\r\n", "a1", "Invalid APPEND date-time")]
    [InlineData("a1 APPEND INBOX \"01-Jan-2000 00:00:00 +1460\" {1+}\r\nx\r\n", "a1", "Invalid APPEND date-time")]
    [InlineData("a1 FETCH 0 FLAGS\r\n", "a1", "Invalid sequence set: 0")]
    [InlineData("a1 FETCH 01 FLAGS\r\n", "a1", "Invalid sequence set: 01")]
    [InlineData("a1 FETCH 4294967296 FLAGS\r\n", "a1", "Number too large in sequence set")]
    [InlineData("a1 FETCH 1: FLAGS\r\n", "a1", "Invalid sequence set")]
    [InlineData("a1 FETCH 1,,2 FLAGS\r\n", "a1", "Invalid sequence set")]
    [InlineData("a1 FETCH x FLAGS\r\n", "a1", "Invalid sequence set")]
    [InlineData("a1 FETCH 1\r\n", "a1", "Missing space before fetch attributes")]
    [InlineData("a1 FETCH 1 (FLAGS\r\n", "a1", "Missing ')' after fetch attributes")]
    [InlineData("a1 FETCH 1 ()\r\n", "a1", "Empty fetch attributes")]
    [InlineData("a1 FETCH 1 (ALL)\r\n", "a1", "Unknown fetch attribute ALL")]
    [InlineData("a1 FETCH 1 FROB\r\n", "a1", "Unknown fetch attribute FROB")]
    [InlineData("a1 FETCH 1 BODY[1.]\r\n", "a1", "Invalid section text")]
    [InlineData("a1 FETCH 1 BODY[MIME]\r\n", "a1", "Invalid section MIME")]
    [InlineData("a1 FETCH 1 BODY[0]\r\n", "a1", "Invalid section part: 0")]
    [InlineData("a1 FETCH 1 BODY[HEADER.FIELDS]\r\n", "a1", "Expected space before header list")]
    [InlineData("a1 FETCH 1 BODY[HEADER.FIELDS ()]\r\n", "a1", "Empty header list")]
    [InlineData("a1 FETCH 1 BODY[TEXT\r\n", "a1", "Missing ']' after section")]
    [InlineData("a1 FETCH 1 BODY.PEEK\r\n", "a1", "Missing '[' of section")]
    [InlineData("a1 FETCH 1 BODY[]<0.0>\r\n", "a1", "Invalid partial length: 0")]
    [InlineData("a1 FETCH 1 BODY[]<5>\r\n", "a1", "Expected '.' in partial")]
    [InlineData("a1 FETCH 1 BINARY[TEXT]\r\n", "a1", "Invalid section part")]
    [InlineData("a1 FETCH 1 FLAGS (VANISHED)\r\n", "a1", "VANISHED needs UID FETCH with CHANGEDSINCE")]
    [InlineData("a1 UID FETCH 1 FLAGS (VANISHED)\r\n", "a1", "VANISHED needs UID FETCH with CHANGEDSINCE")]
    [InlineData("a1 FETCH 1 FLAGS (CHANGEDSINCE x)\r\n", "a1", "Invalid CHANGEDSINCE value")]
    [InlineData("a1 FETCH 1 FLAGS (CHANGEDSINCE 9223372036854775808)\r\n", "a1", "Number too large in CHANGEDSINCE value")]
    [InlineData("a1 FETCH 1 FLAGS (PRIORITY)\r\n", "a1", "Unknown FETCH modifier PRIORITY")]
    [InlineData("a1 STORE 1 FLAGS.LOUD (\\Seen)\r\n", "a1", "Unknown STORE item FLAGS.LOUD")]
    [InlineData("a1 STORE 1 +FLAGS\r\n", "a1", "Missing space before flags")]
    [InlineData("a1 STORE 1 FLAGS (\\Seen\r\n", "a1", "Missing ')' after flag list")]
    [InlineData("a1 STORE 1 (UNCHANGEDSINCE) FLAGS ()\r\n", "a1", "Expected space before UNCHANGEDSINCE value")]
    [InlineData("a1 COPY 1\r\n", "a1", "Missing space before mailbox name")]
    [InlineData("a1 UID\r\n", "a1", "Missing space before UID command")]
    [InlineData("a1 UID FROB 1\r\n", "a1", "Unknown UID command FROB")]
    [InlineData("a1 UID EXPUNGE\r\n", "a1", "Missing space before UID set")]
    [InlineData("a1 SEARCH\r\n", "a1", "Missing space before search criteria")]
    [InlineData("a1 SEARCH FROB\r\n", "a1", "Unknown search key FROB")]
    [InlineData("a1 SEARCH UNRECENT\r\n", "a1", "Unknown search key UNRECENT")]
    [InlineData("a1 SEARCH OR SEEN\r\n", "a1", "Missing space before search argument")]
    [InlineData("a1 SEARCH (SEEN\r\n", "a1", "Missing ')' after search criteria")]
    [InlineData("a1 SEARCH ()\r\n", "a1", "Empty search criteria")]
    [InlineData("a1 SEARCH SINCE 31-Feb-2020\r\n", "a1", "Invalid date")]
    [InlineData("a1 SEARCH SINCE 1-Foo-2020\r\n", "a1", "Invalid date")]
    [InlineData("a1 SEARCH LARGER -1\r\n", "a1", "Invalid size")]
    [InlineData("a1 SEARCH SEEN  DRAFT\r\n", "a1", "Invalid search key")]
    [InlineData("a1 SEARCH RETURN (SAVE) ALL\r\n", "a1", "Unknown search return option SAVE")]
    [InlineData("a1 SEARCH CHARSET\r\n", "a1", "Unknown search key CHARSET")]
    [InlineData("a1 SEARCH MODSEQ \"/flags/x\" bogus 5\r\n", "a1", "Invalid MODSEQ entry type BOGUS")]
    [InlineData("a1 ENABLE\r\n", "a1", "Missing space before capability")]
    [InlineData("a1 ID (\"name\")\r\n", "a1", "Expected space before ID field value")]
    [InlineData("a1 ID name\r\n", "a1", "Expected ID parameter list or NIL")]
    public void Is_a_bad_with_a_useful_text(string wire, string? tag, string text)
    {
        var results = FeedAllWays(wire + "z NOOP\r\n");
        Assert.Equal(2, results.Count);
        Assert.Equal(new ErrorInput(tag, text), results[0]);
        Assert.Equal(Describe(new CommandInput(new ImapCommand("z", new NoopRequest()))), Describe(results[1]));
    }

    [Fact]
    public void Search_nested_beyond_any_client_is_refused_not_a_stack_overflow()
    {
        var deep = "a SEARCH " + string.Concat(Enumerable.Repeat("NOT ", 2000)) + "SEEN\r\n";
        Assert.Equal(new ErrorInput("a", "Search criteria nested too deeply"), Single(deep));
        var parens = "a SEARCH " + new string('(', 2000) + "SEEN" + new string(')', 2000) + "\r\n";
        Assert.Equal(new ErrorInput("a", "Search criteria nested too deeply"), Single(parens));
    }

    [Fact]
    public void Bare_lf_ends_a_line_too()
    {
        Assert.IsType<CommandInput>(Single("a NOOP\n"));
    }
}
