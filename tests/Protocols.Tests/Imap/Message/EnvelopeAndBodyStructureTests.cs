using System.Text;
using Mail.Protocols.Imap;
using Xunit;

namespace Mail.Protocols.Tests.Imap.Message;

public class EnvelopeAndBodyStructureTests
{
    [Fact]
    public void Rfc3501_example_renders_exactly_as_the_rfc_shows()
    {
        var summary = MessageSummary.Create(MessageCorpus.Rfc3501Example());

        Assert.Equal(
            "(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" " +
            "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) " +
            "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) " +
            "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL " +
            "\"<B27397-0100000@cac.washington.edu>\")",
            summary.EnvelopeText);
        Assert.Equal("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)", summary.BodyText);
        Assert.Equal("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92 NIL NIL NIL NIL)", summary.BodyStructureText);
    }

    [Fact]
    public void Sender_and_reply_to_default_to_from_and_in_reply_to_is_kept()
    {
        var summary = MessageSummary.Create(MessageCorpus.Bytes(MessageCorpus.Simple));

        Assert.Equal(
            "(\"Mon, 06 May 2024 09:30:00 +0200\" \"Lunch on Friday?\" ((\"Alice Example\" NIL \"alice\" \"example.org\")) " +
            "((\"Alice Example\" NIL \"alice\" \"example.org\")) ((\"Alice Example\" NIL \"alice\" \"example.org\")) " +
            "((\"Bob\" NIL \"bob\" \"example.net\")(NIL NIL \"carol\" \"example.net\")) NIL NIL \"<earlier@example.net>\" \"<lunch-1@example.org>\")",
            summary.EnvelopeText);
        Assert.Equal("(\"text\" \"plain\" (\"charset\" \"utf-8\" \"format\" \"flowed\") NIL NIL \"7bit\" 48 3)", summary.BodyText);
    }

    [Fact]
    public void Groups_get_start_and_end_markers()
    {
        var summary = MessageSummary.Create(MessageCorpus.Bytes(MessageCorpus.Groups));

        Assert.Contains(" ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) ", summary.EnvelopeText);
        Assert.Contains(
            " ((NIL NIL \"Team\" NIL)(NIL NIL \"ann\" \"example.com\")(\"Ben B\" NIL \"ben\" \"example.com\")(NIL NIL NIL NIL)(NIL NIL \"solo\" \"example.com\")) ",
            summary.EnvelopeText);
    }

    [Fact]
    public void Eight_bit_header_text_goes_raw_as_literals()
    {
        var summary = MessageSummary.Create(MessageCorpus.Bytes(MessageCorpus.EightBitHeaders));

        var subject = Encoding.UTF8.GetBytes("Grüße aus Köln");
        Assert.Contains($"{{{subject.Length}}}\r\nGrüße aus Köln ", summary.EnvelopeText);
        Assert.Contains("(({13}\r\nJörg Müller NIL \"joerg\" \"example.de\"))", summary.EnvelopeText);
    }

    [Fact]
    public void Encoded_words_stay_encoded()
    {
        var summary = MessageSummary.Create(MessageCorpus.Bytes(MessageCorpus.EncodedWords));

        Assert.Contains("\"=?utf-8?q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=\"", summary.EnvelopeText);
        Assert.True(summary.Envelope.All(b => b < 0x80));
        Assert.Equal("Grüße aus Köln", summary.Subject);
        Assert.Equal("Jörg Müller <joerg@example.de>", summary.From);
    }

    [Fact]
    public void Multipart_with_attachment_has_every_extension_field()
    {
        var summary = MessageSummary.Create(MessageCorpus.Bytes(MessageCorpus.MixedWithAttachment));

        Assert.Equal(
            "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 24 1 NIL NIL (\"en\" \"de\") NIL)" +
            "(\"application\" \"pdf\" (\"name\" \"report.pdf\") \"<part2@reports.example>\" \"The report\" \"base64\" 34 " +
            "\"Q2hlY2sgSW50ZWdyaXR5IQ==\" (\"attachment\" (\"filename\" \"report.pdf\" \"size\" \"12\")) NIL \"http://reports.example/r.pdf\") " +
            "\"mixed\" (\"boundary\" \"mix\") NIL NIL NIL)",
            summary.BodyStructureText);
        Assert.Equal(
            "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 24 1)" +
            "(\"application\" \"pdf\" (\"name\" \"report.pdf\") \"<part2@reports.example>\" \"The report\" \"base64\" 34) \"mixed\")",
            summary.BodyText);
    }

    [Fact]
    public void Nested_message_carries_its_envelope_body_and_lines()
    {
        var summary = MessageSummary.Create(MessageCorpus.Bytes(MessageCorpus.NestedMessage));

        Assert.Contains(
            "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 390 (\"Wed, 8 May 2024 10:00:00 +0000\" \"the original\" " +
            "((\"Original Sender\" NIL \"orig\" \"example.net\"))",
            summary.BodyText);
        Assert.Contains("\"alternative\") 17) \"mixed\")", summary.BodyText);
        Assert.Contains("\"alternative\" (\"boundary\" \"inner\") NIL NIL NIL) 17 NIL (\"inline\" NIL) NIL NIL)", summary.BodyStructureText);
        Assert.Equal(["1", "2", "2.1", "2.2"], summary.Parts.Select(p => string.Join('.', p.Path)));
        Assert.Equal(PartKind.Message, summary.FindPart([2])!.Kind);
    }

    [Fact]
    public void Missing_date_and_content_type_get_nil_and_the_text_plain_default()
    {
        var summary = MessageSummary.Create(MessageCorpus.Bytes(MessageCorpus.NoDateNoContentType));

        Assert.StartsWith("(NIL \"no date, no content type\" ", summary.EnvelopeText);
        Assert.Null(summary.Date);
        Assert.Equal("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 24 2)", summary.BodyText);
    }

    [Theory]
    [InlineData("no-headers", "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)", "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 36 2)")]
    [InlineData("empty", "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)", "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)")]
    [InlineData("broken-boundary", null, "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")")]
    [InlineData("multipart-no-boundary", null, "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")")]
    [InlineData("headers-only", null, "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)")]
    public void Malformed_messages_still_get_a_valid_structure(string name, string? envelope, string body)
    {
        var summary = MessageSummary.Create(MessageCorpus.Get(name));

        if (envelope is not null)
            Assert.Equal(envelope, summary.EnvelopeText);
        Assert.Equal(body, summary.BodyText);
    }

    [Fact]
    public void Bare_lf_message_counts_its_octets_as_stored()
    {
        var summary = MessageSummary.Create(Encoding.ASCII.GetBytes(MessageCorpus.BareLf));

        Assert.Equal("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 17 2) \"mixed\")", summary.BodyText);
        Assert.Equal("line one\nline two", Encoding.ASCII.GetString(
            BodySectionReader.Read(Encoding.ASCII.GetBytes(MessageCorpus.BareLf), summary, new BodySectionSpec([1], SectionKind.All, []))));
    }

    [Fact]
    public void A_stream_is_read_from_its_position_and_gives_the_same_summary()
    {
        var bytes = MessageCorpus.Bytes(MessageCorpus.NestedMessage);
        using var prefixed = new MemoryStream([.. "junk"u8, .. bytes]);
        prefixed.Position = 4;

        var fromStream = MessageSummary.Create(prefixed);

        Assert.Equal(MessageSummary.Create(bytes).Serialize(), fromStream.Serialize());
    }
}
