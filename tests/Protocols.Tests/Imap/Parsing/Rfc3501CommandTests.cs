using Mail.Protocols.Imap;
using Xunit;
using static Mail.Protocols.Tests.Imap.Parsing.ImapFeed;

namespace Mail.Protocols.Tests.Imap.Parsing;

/// <summary>
/// The client commands of RFC 3501's examples (section 6 and the sample session of section 8),
/// each fed whole, byte by byte and in chunks, with the request it must become.
/// </summary>
public sealed class Rfc3501CommandTests
{
    private static SequenceSet Set(params (long First, long Last)[] ranges) =>
        new([.. ranges.Select(r => new SequenceRange(r.First, r.Last))]);

    private const long Star = SequenceSet.Star;

    public static TheoryData<string, string, ImapRequest> Section6 => new()
    {
        { "abcd CAPABILITY\r\n", "abcd", new CapabilityRequest() },
        { "a002 NOOP\r\n", "a002", new NoopRequest() },
        { "A023 LOGOUT\r\n", "A023", new LogoutRequest() },
        { "a001 STARTTLS\r\n", "a001", new StartTlsRequest() },
        { "A001 AUTHENTICATE GSSAPI\r\n", "A001", new AuthenticateRequest("GSSAPI", null) },
        { "a001 LOGIN SMITH SESAME\r\n", "a001", new LoginRequest("SMITH", "SESAME") },
        { "A142 SELECT INBOX\r\n", "A142", new SelectRequest("INBOX", false) },
        { "A932 EXAMINE blurdybloop\r\n", "A932", new SelectRequest("blurdybloop", true) },
        { "A003 CREATE owatagusiam/\r\n", "A003", new CreateRequest("owatagusiam/", []) },
        { "A004 CREATE owatagusiam/blurdybloop\r\n", "A004", new CreateRequest("owatagusiam/blurdybloop", []) },
        { "A682 DELETE blurdybloop\r\n", "A682", new DeleteRequest("blurdybloop") },
        { "A683 RENAME blurdybloop sarasoop\r\n", "A683", new RenameRequest("blurdybloop", "sarasoop") },
        { "A685 RENAME foo zowie\r\n", "A685", new RenameRequest("foo", "zowie") },
        { "A002 SUBSCRIBE #news.comp.mail.mime\r\n", "A002", new SubscribeRequest("#news.comp.mail.mime") },
        { "A002 UNSUBSCRIBE #news.comp.mail.mime\r\n", "A002", new UnsubscribeRequest("#news.comp.mail.mime") },
        { "A101 LIST \"\" \"\"\r\n", "A101", new ListRequest("", [""], [], [], []) },
        { "A102 LIST #news.comp.mail.misc \"\"\r\n", "A102", new ListRequest("#news.comp.mail.misc", [""], [], [], []) },
        { "A103 LIST /usr/staff/jones \"\"\r\n", "A103", new ListRequest("/usr/staff/jones", [""], [], [], []) },
        { "A202 LIST ~/Mail/ %\r\n", "A202", new ListRequest("~/Mail/", ["%"], [], [], []) },
        { "A002 LSUB \"#news.\" \"comp.mail.*\"\r\n", "A002", new LsubRequest("#news.", "comp.mail.*") },
        { "A003 LSUB \"#news.\" \"comp.%\"\r\n", "A003", new LsubRequest("#news.", "comp.%") },
        { "A042 STATUS blurdybloop (UIDNEXT MESSAGES)\r\n", "A042", new StatusRequest("blurdybloop", [StatusItem.UidNext, StatusItem.Messages]) },
        { "FXXZ CHECK\r\n", "FXXZ", new CheckRequest() },
        { "A341 CLOSE\r\n", "A341", new CloseRequest() },
        { "A202 EXPUNGE\r\n", "A202", new ExpungeRequest() },
        {
            "A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n", "A282",
            new SearchRequest(false, null, new AllOf([
                new HasFlag("\\Flagged"),
                new DateKey(DateField.Internal, DateRelation.Since, new DateOnly(1994, 2, 1)),
                new Not(new HeaderContains("From", "Smith"))]))
        },
        { "A283 SEARCH TEXT \"string not in mailbox\"\r\n", "A283", new SearchRequest(false, null, new TextContains(true, "string not in mailbox")) },
        { "A284 SEARCH CHARSET UTF-8 TEXT {6}\r\n\u00d0\u00b4\u00d0\u00b0\u00d0\u00bc\r\n", "A284", new SearchRequest(false, "UTF-8", new TextContains(true, "\u0434\u0430\u043c")) },
        {
            "A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])\r\n", "A654",
            new FetchRequest(false, Set((2, 4)), [FetchAttribute.Flags,
                new FetchAttribute.BodySection(new BodySectionSpec([], SectionKind.HeaderFields, ["DATE", "FROM"]), false)])
        },
        { "A003 STORE 2:4 +FLAGS (\\Deleted)\r\n", "A003", new StoreRequest(false, Set((2, 4)), StoreMode.Add, false, ["\\Deleted"]) },
        { "A003 COPY 2:4 MEETING\r\n", "A003", new CopyRequest(false, Set((2, 4)), "MEETING") },
        { "A999 UID FETCH 4827313:4828442 FLAGS\r\n", "A999", new FetchRequest(true, Set((4827313, 4828442)), [FetchAttribute.Uid, FetchAttribute.Flags]) },
    };

    /// The client side of RFC 3501 section 8, in its lower case.
    public static TheoryData<string, string, ImapRequest> Section8 => new()
    {
        { "a001 login mrc secret\r\n", "a001", new LoginRequest("mrc", "secret") },
        { "a002 select inbox\r\n", "a002", new SelectRequest("INBOX", false) },
        { "a003 fetch 12 full\r\n", "a003", new FetchRequest(false, Set((12, 12)), [FetchAttribute.Flags, FetchAttribute.InternalDate, FetchAttribute.Rfc822Size, FetchAttribute.Envelope, FetchAttribute.Body]) },
        { "a004 fetch 12 body[header]\r\n", "a004", new FetchRequest(false, Set((12, 12)), [new FetchAttribute.BodySection(new BodySectionSpec([], SectionKind.Header, []), false)]) },
        { "a005 store 12 +flags \\deleted\r\n", "a005", new StoreRequest(false, Set((12, 12)), StoreMode.Add, false, ["\\deleted"]) },
        { "a006 logout\r\n", "a006", new LogoutRequest() },
    };

    [Theory]
    [MemberData(nameof(Section6))]
    [MemberData(nameof(Section8))]
    public void Parses_the_rfc_example(string wire, string tag, ImapRequest expected)
    {
        var result = Assert.IsType<CommandInput>(Single(wire));
        Assert.Equal(Describe(new ImapCommand(tag, expected)), Describe(result.Command));
    }

    [Fact]
    public void Append_of_the_rfc_example_keeps_the_message_octets()
    {
        const string message = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\nFrom: Fred Foobar <foobar@Blurdybloop.COM>\r\n" +
            "Subject: afternoon meeting\r\nTo: mooch@owatagu.siam.edu\r\nMessage-Id: <B27397-0100000@Blurdybloop.COM>\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\nHello Joe, do you think we can meet at 3:30 tomorrow?\r\n";
        Assert.Equal(310, message.Length);
        var result = Assert.IsType<CommandInput>(Single("A003 APPEND saved-messages (\\Seen) {310}\r\n" + message + "\r\n"));
        var append = Assert.IsType<AppendRequest>(result.Command.Request);
        Assert.Equal("saved-messages", append.Mailbox);
        Assert.Equal(["\\Seen"], append.Flags);
        Assert.Null(append.InternalDate);
        Assert.Equal(Bytes(message), append.Message);
    }

    [Fact]
    public void Sequence_sets_of_the_rfc_are_kept_as_sent()
    {
        var fetch = Assert.IsType<FetchRequest>(Assert.IsType<CommandInput>(Single("a FETCH 1,3:5,7:*,*,9:2 FLAGS\r\n")).Command.Request);
        Assert.Equal(Describe(Set((1, 1), (3, 5), (7, Star), (Star, Star), (9, 2))), Describe(fetch.Set));
        Assert.Equal("1,3:5,7:*,*,9:2", fetch.Set.ToString());
    }
}
