using System.Text;
using Mail.Protocols.Imap;
using Mail.Protocols.Tests.Imap.Message;
using MailKit;
using Xunit;
using MessageSummary = Mail.Protocols.Imap.MessageSummary;

namespace Mail.Protocols.Tests.Imap.Responses;

public class FetchResponseWriterTests
{
    private static BodySectionSpec Part(params int[] path) => new(path, SectionKind.All, []);

    [Fact]
    public void Simple_items_render_in_the_order_given()
    {
        var bytes = FetchResponseWriter.Write(12, [
            (FetchAttribute.Uid, FetchValue.Of(4827313)),
            (FetchAttribute.Flags, new FetchValue.FlagSet(["\\Seen"])),
            (FetchAttribute.InternalDate, new FetchValue.Date(new DateTimeOffset(1996, 7, 17, 2, 44, 25, TimeSpan.FromHours(-7)))),
            (FetchAttribute.Rfc822Size, FetchValue.Of(4286)),
            (FetchAttribute.ModSeq, new FetchValue.Number(624140003)),
        ]);

        Assert.Equal("* 12 FETCH (UID 4827313 FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 MODSEQ (624140003))\r\n",
            Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Sections_go_as_literals_named_as_asked_with_the_partial_origin()
    {
        var bytes = FetchResponseWriter.Write(1, [
            (new FetchAttribute.BodySection(BodySectionSpec.Whole, Peek: true), new FetchValue.Octets("Hi\r\n"u8.ToArray())),
            (new FetchAttribute.BodySection(new BodySectionSpec([1, 2], SectionKind.HeaderFields, ["FROM", "TO"]), false, new Partial(10, 5)), new FetchValue.Octets("abc"u8.ToArray())),
            (new FetchAttribute.BodySection(new BodySectionSpec([], SectionKind.Text, []), false), new FetchValue.Octets([])),
            (new FetchAttribute.BodySection(Part(3), true, Binary: true), new FetchValue.Octets([0, 1])),
            (new FetchAttribute.BinarySize([3]), FetchValue.Of(2)),
            (FetchAttribute.Rfc822Header, new FetchValue.Octets("H: v\r\n\r\n"u8.ToArray())),
            (new FetchAttribute.BodySection(Part(9), true), new FetchValue.Octets(null)),
        ]);

        Assert.Equal(
            "* 1 FETCH (BODY[] {4}\r\nHi\r\n BODY[1.2.HEADER.FIELDS (FROM TO)]<10> {3}\r\nabc BODY[TEXT] {0}\r\n BINARY[3] ~{2}\r\n\0\u0001 " +
            "BINARY.SIZE[3] 2 RFC822.HEADER {8}\r\nH: v\r\n\r\n BODY[9] NIL)\r\n",
            Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Summary_texts_are_copied_verbatim()
    {
        var summary = MessageSummary.Create(MessageCorpus.Get("8bit"));

        var bytes = FetchResponseWriter.Write(5, [(FetchAttribute.Envelope, new FetchValue.Rendered(summary.Envelope)), (FetchAttribute.Body, new FetchValue.Rendered(summary.Body))]);

        Assert.Equal([.. "* 5 FETCH (ENVELOPE "u8, .. summary.Envelope, .. " BODY "u8, .. summary.Body, .. ")\r\n"u8], bytes);
    }

    [Fact]
    public void MailKit_reads_flags_dates_whole_messages_parts_and_partials_from_our_responses()
    {
        var raw = MessageCorpus.Get("nested");
        var summary = MessageSummary.Create(raw);
        var simple = MessageCorpus.Get("simple");

        var (info, message, part, partial, mime) = FakeImapServer.Run([(raw, summary), (simple, MessageSummary.Create(simple))], inbox =>
        {
            var info = inbox.Fetch(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.InternalDate);
            var message = inbox.GetMessage(0);
            using var partStream = inbox.GetStream(new UniqueId(1), "2.1");
            var part = new StreamReader(partStream).ReadToEnd();
            using var stream = inbox.GetStream(0, 6, 9);
            var partial = new StreamReader(stream).ReadToEnd();
            using var mimeStream = inbox.GetStream(new UniqueId(2), "1.MIME");
            var mime = new StreamReader(mimeStream).ReadToEnd();
            return (info, message, part, partial, mime);
        });

        Assert.Equal(2, info.Count);
        Assert.Equal(MessageFlags.Seen, info[0].Flags);
        Assert.Contains("$Label1", info[0].Keywords);
        Assert.Equal(FakeImapServer.InternalDate, info[0].InternalDate);
        Assert.Equal("Fwd: the original", message.Subject);
        Assert.Equal("plain inner", part);
        Assert.Equal("forwarder", partial);
        Assert.Equal(Encoding.ASCII.GetString(simple, 0, (int)MessageSummary.Create(simple).HeaderLength), mime);
    }
}
