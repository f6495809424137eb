using Mail.Protocols.Imap;
using Xunit;

namespace Mail.Protocols.Tests.Imap.Message;

public class SearchEvaluatorTests
{
    /// A message as the session would present it; counts body reads to prove cheap keys skip them.
    private sealed class Message(byte[] raw) : ISearchableMessage
    {
        public long Sequence { get; init; } = 3;
        public long Uid { get; init; } = 30;
        public IReadOnlyList<string> Flags { get; init; } = ["\\Seen", "\\Flagged", "$Work"];
        public bool Recent { get; init; } = true;
        public DateTimeOffset InternalDate { get; init; } = new(2024, 5, 9, 23, 30, 0, TimeSpan.FromHours(2));
        public long Size => raw.Length;
        public ulong ModSeq { get; init; } = 12;
        public MessageSummary Summary { get; } = MessageSummary.Create(raw);
        public int BodyReads { get; private set; }
        public int HeaderReads { get; private set; }

        public string? Header(string field)
        {
            HeaderReads++;
            return MessageText.Header(new MemoryStream(raw), field);
        }

        public string Text(bool headersToo)
        {
            BodyReads++;
            return MessageText.Extract(new MemoryStream(raw), headersToo);
        }
    }

    private static Message Mixed() => new(MessageCorpus.Get("mixed"));

    private static SequenceSet Set(long first, long last) => new([new SequenceRange(first, last)]);

    public static TheoryData<string, SearchKey, bool> Keys => new()
    {
        { "ALL", MatchAll.Instance, true },
        { "3", new InSequence(Set(3, 3)), true },
        { "4:* (is 3:4 when 3 is the largest)", new InSequence(Set(4, SequenceSet.Star)), true },
        { "*", new InSequence(Set(SequenceSet.Star, SequenceSet.Star)), true },
        { "5:6", new InSequence(Set(5, 6)), false },
        { "1:5", new InSequence(Set(5, 1)), true },
        { "UID 30", new InUids(Set(30, 30)), true },
        { "UID 31:*", new InUids(Set(31, SequenceSet.Star)), true },
        { "UID 1:29", new InUids(Set(1, 29)), false },
        { "SEEN", new HasFlag("\\Seen"), true },
        { "ANSWERED", new HasFlag("\\Answered"), false },
        { "UNANSWERED", new Not(new HasFlag("\\Answered")), true },
        { "FLAGGED", new HasFlag("\\flagged"), true },
        { "DELETED", new HasFlag("\\Deleted"), false },
        { "DRAFT", new HasFlag("\\Draft"), false },
        { "RECENT", new HasFlag("\\Recent"), true },
        { "OLD", new Not(new HasFlag("\\Recent")), false },
        { "NEW", new AllOf([new HasFlag("\\Recent"), new Not(new HasFlag("\\Seen"))]), false },
        { "KEYWORD $Work", new HasFlag("$Work"), true },
        { "UNKEYWORD $Work", new Not(new HasFlag("$Work")), false },
        { "BEFORE 10-May-2024", new DateKey(DateField.Internal, DateRelation.Before, new DateOnly(2024, 5, 10)), true },
        { "BEFORE 9-May-2024", new DateKey(DateField.Internal, DateRelation.Before, new DateOnly(2024, 5, 9)), false },
        { "ON 9-May-2024", new DateKey(DateField.Internal, DateRelation.On, new DateOnly(2024, 5, 9)), true },
        { "SINCE 9-May-2024", new DateKey(DateField.Internal, DateRelation.Since, new DateOnly(2024, 5, 9)), true },
        { "SINCE 10-May-2024", new DateKey(DateField.Internal, DateRelation.Since, new DateOnly(2024, 5, 10)), false },
        { "SENTON 8-May-2024", new DateKey(DateField.Sent, DateRelation.On, new DateOnly(2024, 5, 8)), true },
        { "SENTBEFORE 8-May-2024", new DateKey(DateField.Sent, DateRelation.Before, new DateOnly(2024, 5, 8)), false },
        { "SENTSINCE 8-May-2024", new DateKey(DateField.Sent, DateRelation.Since, new DateOnly(2024, 5, 8)), true },
        { "SENTSINCE 9-May-2024", new DateKey(DateField.Sent, DateRelation.Since, new DateOnly(2024, 5, 9)), false },
        { "LARGER 100", new SizeKey(true, 100), true },
        { "LARGER 100000", new SizeKey(true, 100000), false },
        { "SMALLER 100000", new SizeKey(false, 100000), true },
        { "SMALLER 10", new SizeKey(false, 10), false },
        { "FROM bot@reports", new HeaderContains("From", "BOT@REPORTS"), true },
        { "FROM reporting", new HeaderContains("From", "reporting bot"), true },
        { "FROM team", new HeaderContains("From", "team"), false },
        { "TO team@", new HeaderContains("To", "team@"), true },
        { "CC lead", new HeaderContains("Cc", "lead"), true },
        { "BCC archive", new HeaderContains("Bcc", "archive"), true },
        { "SUBJECT monthly", new HeaderContains("Subject", "MONTHLY"), true },
        { "SUBJECT weekly", new HeaderContains("Subject", "weekly"), false },
        { "HEADER Message-ID report-2024", new HeaderContains("Message-ID", "report-2024"), true },
        { "HEADER Reply-To noreply", new HeaderContains("Reply-To", "NoReply"), true },
        { "HEADER X-Absent \"\"", new HeaderContains("X-Absent", ""), false },
        { "HEADER Sender \"\"", new HeaderContains("Sender", ""), true },
        { "BODY attached", new TextContains(false, "ATTACHED report"), true },
        { "BODY monthly", new TextContains(false, "Monthly report"), false },
        { "TEXT monthly", new TextContains(true, "monthly REPORT"), true },
        { "TEXT nowhere", new TextContains(true, "nowhere"), false },
        { "MODSEQ 12", new ModSeqKey(12), true },
        { "MODSEQ 13", new ModSeqKey(13), false },
        { "OR SEEN DELETED", new AnyOf(new HasFlag("\\Seen"), new HasFlag("\\Deleted")), true },
        { "OR DELETED DRAFT", new AnyOf(new HasFlag("\\Deleted"), new HasFlag("\\Draft")), false },
        { "NOT SEEN", new Not(new HasFlag("\\Seen")), false },
        { "SEEN LARGER 100 BODY report", new AllOf([new HasFlag("\\Seen"), new SizeKey(true, 100), new TextContains(false, "report")]), true },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_key_matches_as_rfc3501_says(string criteria, SearchKey key, bool expected)
    {
        Assert.True(expected == SearchEvaluator.Matches(key, Mixed(), largestSequence: 3, largestUid: 30), criteria);
    }

    [Fact]
    public void Star_means_the_largest_number_passed_in()
    {
        var m = Mixed();
        var star = new InSequence(Set(SequenceSet.Star, SequenceSet.Star));

        Assert.True(SearchEvaluator.Matches(star, m, largestSequence: 3, largestUid: 30));
        Assert.False(SearchEvaluator.Matches(star, m, largestSequence: 4, largestUid: 30));
        Assert.False(SearchEvaluator.Matches(star, m, largestSequence: 0, largestUid: 0));
    }

    [Fact]
    public void Flag_size_date_and_common_header_keys_never_read_the_message()
    {
        var m = Mixed();
        var key = new AllOf([
            new HasFlag("\\Seen"), new SizeKey(true, 1), new DateKey(DateField.Sent, DateRelation.Since, new DateOnly(2000, 1, 1)),
            new HeaderContains("Subject", "report"), new HeaderContains("FROM", "bot"), new Not(new HasFlag("\\Deleted")),
        ]);

        Assert.True(SearchEvaluator.Matches(key, m, 3, 30));
        Assert.Equal((0, 0), (m.BodyReads, m.HeaderReads));
    }

    [Fact]
    public void Text_keys_come_last_so_a_failed_cheap_key_spares_the_body()
    {
        var m = Mixed();

        Assert.False(SearchEvaluator.Matches(new AllOf([new TextContains(true, "report"), new HasFlag("\\Deleted")]), m, 3, 30));
        Assert.True(SearchEvaluator.Matches(new AnyOf(new TextContains(true, "zzz"), new HasFlag("\\Seen")), m, 3, 30));
        Assert.Equal(0, m.BodyReads);
    }

    [Fact]
    public void Body_search_decodes_charsets_and_transfer_encodings_and_reads_attached_messages()
    {
        var latin = new Message(MessageCorpus.Bytes(MessageCorpus.EncodedWords));
        var html = new Message(MessageCorpus.Get("alternative"));
        var nested = new Message(MessageCorpus.Get("nested"));

        Assert.True(SearchEvaluator.Matches(new TextContains(false, "SCHÖNE grüße"), latin, 3, 30));
        Assert.True(SearchEvaluator.Matches(new HeaderContains("Subject", "grüße aus"), latin, 3, 30));
        Assert.True(SearchEvaluator.Matches(new TextContains(false, "apples</b> \u2013 cheap"), html, 3, 30));
        Assert.True(SearchEvaluator.Matches(new TextContains(false, "html inner"), nested, 3, 30));
        Assert.True(SearchEvaluator.Matches(new TextContains(false, "Original Sender"), nested, 3, 30));
        Assert.False(SearchEvaluator.Matches(new TextContains(false, "Fwd: the original"), nested, 3, 30));
        Assert.True(SearchEvaluator.Matches(new TextContains(true, "Fwd: the original"), nested, 3, 30));
    }

    [Fact]
    public void A_message_without_a_date_header_matches_no_sent_key()
    {
        var m = new Message(MessageCorpus.Bytes(MessageCorpus.NoDateNoContentType));

        foreach (var relation in Enum.GetValues<DateRelation>())
            Assert.False(SearchEvaluator.Matches(new DateKey(DateField.Sent, relation, new DateOnly(2024, 1, 1)), m, 3, 30));
    }
}
