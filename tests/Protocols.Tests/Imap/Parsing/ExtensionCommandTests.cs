using Mail.Protocols.Imap;
using Xunit;
using static Mail.Protocols.Tests.Imap.Parsing.ImapFeed;

namespace Mail.Protocols.Tests.Imap.Parsing;

/// <summary>
/// Commands of the extensions (examples from their RFCs where they give one) and the corners of
/// RFC 3501's grammar: quoting, literals as astrings, LIST extended, FETCH sections and modifiers.
/// </summary>
public sealed class ExtensionCommandTests
{
    private static SequenceSet Set(long first, long last) => new([new SequenceRange(first, last)]);

    private static FetchAttribute.BodySection Section(SectionKind kind, int[] part, string[]? fields = null, bool peek = false, Partial? partial = null) =>
        new(new BodySectionSpec(part, kind, fields ?? []), peek, partial);

    public static TheoryData<string, ImapRequest> Cases => new()
    {
        // ID (RFC 2971 3.3), NAMESPACE (RFC 2342), ENABLE (RFC 5161), IDLE (RFC 2177), UNSELECT (RFC 3691)
        {
            "a023 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" \"Pink Floyd Music Limited\")\r\n",
            new IdRequest([new("name", "sodr"), new("version", "19.34"), new("vendor", "Pink Floyd Music Limited")])
        },
        { "a ID NIL\r\n", new IdRequest(null) },
        { "a ID (\"name\" NIL)\r\n", new IdRequest([new("name", null)]) },
        { "A001 NAMESPACE\r\n", new NamespaceRequest() },
        { "t1 ENABLE CONDSTORE x-good-idea\r\n", new EnableRequest(["CONDSTORE", "X-GOOD-IDEA"]) },
        { "A002 IDLE\r\n", new IdleRequest() },
        { "A342 UNSELECT\r\n", new UnselectRequest() },
        // SASL-IR (RFC 4959 3), LOGIN with quoted strings and literals
        { "a AUTHENTICATE plain dGVzdAB0ZXN0AHRlc3Q=\r\n", new AuthenticateRequest("PLAIN", "dGVzdAB0ZXN0AHRlc3Q=") },
        { "a AUTHENTICATE PLAIN =\r\n", new AuthenticateRequest("PLAIN", "=") },
        { "a LOGIN \"fred foo\" \"p\\\"w\\\\d\"\r\n", new LoginRequest("fred foo", "p\"w\\d") },
        { "a LOGIN {4+}\r\nfred {5+}\r\nsecr}\r\n", new LoginRequest("fred", "secr}") },
        { "a LOGIN \"\" \"\"\r\n", new LoginRequest("", "") },
        { "a LOGIN user] pass]\r\n", new LoginRequest("user]", "pass]") },
        { "a LOGIN \"j\u00c3\u00b6rg\" x\r\n", new LoginRequest("j\u00f6rg", "x") },
        // SELECT (CONDSTORE) (RFC 7162 3.1.8), CREATE-SPECIAL-USE (RFC 6154 5.3)
        { "A142 SELECT INBOX (CONDSTORE)\r\n", new SelectRequest("INBOX", false, true) },
        { "a EXAMINE \"Sent Items\"\r\n", new SelectRequest("Sent Items", true) },
        { "t1 CREATE MySpecial (USE (\\Drafts \\Sent))\r\n", new CreateRequest("MySpecial", ["\\Drafts", "\\Sent"]) },
        { "a CREATE &ZeVnLIqe-\r\n", new CreateRequest("&ZeVnLIqe-", []) },
        { "a DELETE InBoX\r\n", new DeleteRequest("INBOX") },
        // LIST extended (RFC 5258 6), LIST-STATUS (RFC 5819), SPECIAL-USE (RFC 6154)
        { "A02 LIST (SUBSCRIBED) \"\" \"*\"\r\n", new ListRequest("", ["*"], ["SUBSCRIBED"], [], []) },
        { "A03 LIST () \"\" \"%\" RETURN (CHILDREN)\r\n", new ListRequest("", ["%"], [], ["CHILDREN"], []) },
        { "A04 LIST (REMOTE SUBSCRIBED RECURSIVEMATCH) \"\" \"%\"\r\n", new ListRequest("", ["%"], ["REMOTE", "SUBSCRIBED", "RECURSIVEMATCH"], [], []) },
        { "BBB LIST \"\" (\"INBOX\" \"Drafts\" \"Sent/%\")\r\n", new ListRequest("", ["INBOX", "Drafts", "Sent/%"], [], [], []) },
        { "t1 LIST \"\" \"%\" RETURN (SPECIAL-USE)\r\n", new ListRequest("", ["%"], [], ["SPECIAL-USE"], []) },
        { "t1 LIST (SPECIAL-USE) \"\" \"*\"\r\n", new ListRequest("", ["*"], ["SPECIAL-USE"], [], []) },
        {
            "A01 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN))\r\n",
            new ListRequest("", ["%"], [], ["STATUS"], [StatusItem.Messages, StatusItem.Unseen])
        },
        { "a LIST \"\" {3+}\r\nx/*\r\n", new ListRequest("", ["x/*"], [], [], []) },
        { "a STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE)\r\n",
            new StatusRequest("INBOX", [StatusItem.Messages, StatusItem.Recent, StatusItem.UidNext, StatusItem.UidValidity, StatusItem.Unseen, StatusItem.HighestModSeq, StatusItem.Size]) },
        // QUOTA (RFC 9208 4)
        { "G0001 GETQUOTA \"!partition/sda4\"\r\n", new GetQuotaRequest("!partition/sda4") },
        { "A003 GETQUOTAROOT INBOX\r\n", new GetQuotaRootRequest("INBOX") },
        // UIDPLUS (RFC 4315), MOVE (RFC 6851)
        { "A003 UID EXPUNGE 3000:3002\r\n", new UidExpungeRequest(Set(3000, 3002)) },
        { "a UID MOVE 42:69 foo\r\n", new MoveRequest(true, Set(42, 69), "foo") },
        { "a MOVE 2:* Trash\r\n", new MoveRequest(false, Set(2, SequenceSet.Star), "Trash") },
        { "a UID COPY 1 \"Sent Items\"\r\n", new CopyRequest(true, Set(1, 1), "Sent Items") },
        // STORE forms, UNCHANGEDSINCE (RFC 7162 3.1.3)
        { "a STORE 1 FLAGS.SILENT (\\Seen $Label1)\r\n", new StoreRequest(false, Set(1, 1), StoreMode.Replace, true, ["\\Seen", "$Label1"]) },
        { "a UID STORE 5 -FLAGS ()\r\n", new StoreRequest(true, Set(5, 5), StoreMode.Remove, false, []) },
        { "a STORE 1 +FLAGS \\Seen \\Flagged\r\n", new StoreRequest(false, Set(1, 1), StoreMode.Add, false, ["\\Seen", "\\Flagged"]) },
        { "d105 STORE 7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)\r\n",
            new StoreRequest(false, new([new(7, 7), new(5, 5), new(9, 9)]), StoreMode.Add, true, ["\\Deleted"], 320162338) },
        // FETCH: macros, sections, partials, BINARY (RFC 3516), CONDSTORE/QRESYNC modifiers
        { "a FETCH 1 ALL\r\n", new FetchRequest(false, Set(1, 1), [FetchAttribute.Flags, FetchAttribute.InternalDate, FetchAttribute.Rfc822Size, FetchAttribute.Envelope]) },
        { "a FETCH 1 fast\r\n", new FetchRequest(false, Set(1, 1), [FetchAttribute.Flags, FetchAttribute.InternalDate, FetchAttribute.Rfc822Size]) },
        { "a FETCH * BODY.PEEK[]\r\n", new FetchRequest(false, Set(SequenceSet.Star, SequenceSet.Star), [Section(SectionKind.All, [], peek: true)]) },
        { "a FETCH 1 (BODY[]<0.2048> RFC822.SIZE)\r\n", new FetchRequest(false, Set(1, 1), [Section(SectionKind.All, [], partial: new Partial(0, 2048)), FetchAttribute.Rfc822Size]) },
        {
            "a FETCH 1 (BODY.PEEK[1.2.HEADER.FIELDS.NOT (Received \"X-Spam\")] BODY[4.2.2.MIME] BODY[3.TEXT] BODY[1.2] BODY[TEXT]<10.20>)\r\n",
            new FetchRequest(false, Set(1, 1), [
                Section(SectionKind.HeaderFieldsNot, [1, 2], ["Received", "X-Spam"], peek: true),
                Section(SectionKind.Mime, [4, 2, 2]), Section(SectionKind.Text, [3]), Section(SectionKind.All, [1, 2]),
                Section(SectionKind.Text, [], partial: new Partial(10, 20))])
        },
        {
            "a FETCH 1:2 (UID ENVELOPE BODYSTRUCTURE BODY RFC822 RFC822.HEADER RFC822.TEXT INTERNALDATE)\r\n",
            new FetchRequest(false, Set(1, 2), [FetchAttribute.Uid, FetchAttribute.Envelope, FetchAttribute.BodyStructure, FetchAttribute.Body,
                FetchAttribute.Rfc822, FetchAttribute.Rfc822Header, FetchAttribute.Rfc822Text, FetchAttribute.InternalDate])
        },
        {
            "a FETCH 1 (BINARY[1.2] BINARY.PEEK[]<0.100> BINARY.SIZE[3])\r\n",
            new FetchRequest(false, Set(1, 1), [
                new FetchAttribute.BodySection(new BodySectionSpec([1, 2], SectionKind.All, []), false, null, true),
                new FetchAttribute.BodySection(BodySectionSpec.Whole, true, new Partial(0, 100), true),
                new FetchAttribute.BinarySize([3])])
        },
        {
            "s100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)\r\n",
            new FetchRequest(true, Set(1, SequenceSet.Star), [FetchAttribute.Uid, FetchAttribute.Flags, FetchAttribute.ModSeq], 12345)
        },
        {
            "s100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)\r\n",
            new FetchRequest(true, Set(300, 500), [FetchAttribute.Uid, FetchAttribute.Flags, FetchAttribute.ModSeq], 12345, true)
        },
        { "a FETCH 1 (MODSEQ FLAGS)\r\n", new FetchRequest(false, Set(1, 1), [FetchAttribute.ModSeq, FetchAttribute.Flags]) },
        // SEARCH: every key of RFC 3501 6.4.4, nesting, UID, ESEARCH RETURN (RFC 4731), MODSEQ (RFC 7162 3.1.5)
        { "a SEARCH ALL\r\n", new SearchRequest(false, null, MatchAll.Instance) },
        { "a UID SEARCH 1:100 UID 2,4:*\r\n", new SearchRequest(true, null, new AllOf([new InSequence(Set(1, 100)), new InUids(new([new(2, 2), new(4, SequenceSet.Star)]))])) },
        {
            "a SEARCH ANSWERED DELETED DRAFT FLAGGED RECENT SEEN UNANSWERED UNDELETED UNDRAFT UNFLAGGED UNSEEN OLD NEW\r\n",
            new SearchRequest(false, null, new AllOf([
                new HasFlag("\\Answered"), new HasFlag("\\Deleted"), new HasFlag("\\Draft"), new HasFlag("\\Flagged"),
                new HasFlag("\\Recent"), new HasFlag("\\Seen"), new Not(new HasFlag("\\Answered")), new Not(new HasFlag("\\Deleted")),
                new Not(new HasFlag("\\Draft")), new Not(new HasFlag("\\Flagged")), new Not(new HasFlag("\\Seen")),
                new Not(new HasFlag("\\Recent")), new AllOf([new HasFlag("\\Recent"), new Not(new HasFlag("\\Seen"))])]))
        },
        {
            "a SEARCH BCC a CC b FROM c SUBJECT \"d e\" TO f HEADER X-Mailer {4+}\r\nmutt BODY g TEXT h KEYWORD $Junk UNKEYWORD $Seen2\r\n",
            new SearchRequest(false, null, new AllOf([
                new HeaderContains("Bcc", "a"), new HeaderContains("Cc", "b"), new HeaderContains("From", "c"),
                new HeaderContains("Subject", "d e"), new HeaderContains("To", "f"), new HeaderContains("X-Mailer", "mutt"),
                new TextContains(false, "g"), new TextContains(true, "h"), new HasFlag("$Junk"), new Not(new HasFlag("$Seen2"))]))
        },
        {
            "a SEARCH BEFORE 1-Feb-1994 ON \"15-MAR-2024\" SINCE 31-dec-1999 SENTBEFORE 2-Jan-2000 SENTON 29-Feb-2000 SENTSINCE 01-Jan-1970 LARGER 0 SMALLER 4294967295\r\n",
            new SearchRequest(false, null, new AllOf([
                new DateKey(DateField.Internal, DateRelation.Before, new(1994, 2, 1)), new DateKey(DateField.Internal, DateRelation.On, new(2024, 3, 15)),
                new DateKey(DateField.Internal, DateRelation.Since, new(1999, 12, 31)), new DateKey(DateField.Sent, DateRelation.Before, new(2000, 1, 2)),
                new DateKey(DateField.Sent, DateRelation.On, new(2000, 2, 29)), new DateKey(DateField.Sent, DateRelation.Since, new(1970, 1, 1)),
                new SizeKey(true, 0), new SizeKey(false, 4294967295)]))
        },
        {
            "a SEARCH OR (SEEN FROM x) NOT (OR 1:5 ANSWERED) ((DELETED))\r\n",
            new SearchRequest(false, null, new AllOf([
                new AnyOf(new AllOf([new HasFlag("\\Seen"), new HeaderContains("From", "x")]), new Not(new AnyOf(new InSequence(Set(1, 5)), new HasFlag("\\Answered")))),
                new HasFlag("\\Deleted")]))
        },
        { "a SEARCH charset us-ascii OR OR SEEN DRAFT RECENT\r\n", new SearchRequest(false, "US-ASCII", new AnyOf(new AnyOf(new HasFlag("\\Seen"), new HasFlag("\\Draft")), new HasFlag("\\Recent"))) },
        { "A282 SEARCH RETURN (MIN COUNT) FLAGGED\r\n", new SearchRequest(false, null, new HasFlag("\\Flagged"), ["MIN", "COUNT"]) },
        { "A283 UID SEARCH RETURN () CHARSET UTF-8 ALL\r\n", new SearchRequest(true, "UTF-8", MatchAll.Instance, []) },
        { "a SEARCH MODSEQ 620162338\r\n", new SearchRequest(false, null, new ModSeqKey(620162338)) },
        { "a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338\r\n", new SearchRequest(false, null, new ModSeqKey(620162338)) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parses(string wire, ImapRequest expected)
    {
        var result = Assert.IsType<CommandInput>(Single(wire));
        Assert.Equal(Describe(expected), Describe(result.Command.Request));
    }

    [Theory]
    [InlineData("a APPEND INBOX (\\Seen $Work) \"05-Jul-1995 08:49:37 -0700\" {3}\r\nabc\r\n", "1995-07-05T08:49:37.0000000-07:00")]
    [InlineData("a APPEND INBOX \" 7-Feb-1994 21:52:25 +0130\" {3+}\r\nabc\r\n", "1994-02-07T21:52:25.0000000+01:30")]
    public void Append_reads_flags_and_internal_date(string wire, string date)
    {
        var append = Assert.IsType<AppendRequest>(Assert.IsType<CommandInput>(Single(wire)).Command.Request);
        Assert.Equal(date, Describe(append.InternalDate));
        Assert.Equal(Bytes("abc"), append.Message);
    }

    [Fact]
    public void Unknown_charset_is_bad_charset_not_bad()
    {
        Assert.Equal(new BadCharset("A1"), Single("A1 SEARCH CHARSET KOI8-R TEXT x\r\n"));
        Assert.Equal(new BadCharset("A2"), Single("A2 UID SEARCH CHARSET {10+}\r\nISO-8859-1 ALL\r\n"));
    }

    [Fact]
    public void Logging_a_login_shows_no_password()
    {
        var command = Assert.IsType<CommandInput>(Single("a LOGIN fred hunter2\r\n")).Command;
        Assert.DoesNotContain("hunter2", command.ToString() + command.Request);
    }
}
