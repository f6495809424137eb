using System.Text;
using Mail.Protocols.Imap;
using Xunit;

namespace Mail.Protocols.Tests.Imap.Message;

public class BodySectionReaderTests
{
    private static readonly string Nested = MessageCorpus.NestedMessage.ReplaceLineEndings("\r\n");
    private static readonly byte[] NestedBytes = Encoding.ASCII.GetBytes(Nested);
    private static readonly MessageSummary NestedSummary = MessageSummary.Create(NestedBytes);

    private static BodySectionSpec Spec(string part, SectionKind kind, params string[] fields) =>
        new(part.Length == 0 ? [] : part.Split('.').Select(int.Parse).ToArray(), kind, fields);

    private static string Read(string part, SectionKind kind, params string[] fields) =>
        Encoding.ASCII.GetString(BodySectionReader.Read(NestedBytes, NestedSummary, Spec(part, kind, fields)));

    /// Hand-cut: from the first occurrence of <paramref name="from"/> up to <paramref name="to"/> (exclusive).
    private static string Cut(string from, string to)
    {
        var start = Nested.IndexOf(from, StringComparison.Ordinal);
        var end = Nested.IndexOf(to, start, StringComparison.Ordinal);
        return Nested[start..end];
    }

    private static string HeaderOf(string from)
    {
        var start = Nested.IndexOf(from, StringComparison.Ordinal);
        return Nested[start..(Nested.IndexOf("\r\n\r\n", start, StringComparison.Ordinal) + 4)];
    }

    [Fact]
    public void Top_level_sections_are_the_whole_the_header_and_the_text()
    {
        var header = HeaderOf("From: forwarder");
        Assert.Equal(Nested, Read("", SectionKind.All));
        Assert.Equal(header, Read("", SectionKind.Header));
        Assert.Equal(Nested[header.Length..], Read("", SectionKind.Text));
    }

    [Fact]
    public void Parts_mime_headers_and_nested_message_sections_are_cut_byte_exact()
    {
        Assert.Equal("Forwarding this.", Read("1", SectionKind.All));
        Assert.Equal("Content-Type: text/plain\r\n\r\n", Read("1", SectionKind.Mime));
        Assert.Equal(Cut("From: Original Sender", "\r\n--outer--"), Read("2", SectionKind.All));
        Assert.Equal("Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n", Read("2", SectionKind.Mime));
        Assert.Equal(HeaderOf("From: Original Sender"), Read("2", SectionKind.Header));
        Assert.Equal(Cut("From: Original Sender", "\r\n--outer--")[HeaderOf("From: Original Sender").Length..], Read("2", SectionKind.Text));
        Assert.Equal("plain inner", Read("2.1", SectionKind.All));
        Assert.Equal("<b>html inner</b>", Read("2.2", SectionKind.All));
        Assert.Equal("Content-Type: text/html; charset=us-ascii\r\n\r\n", Read("2.2", SectionKind.Mime));
    }

    [Theory]
    [InlineData("3", SectionKind.All)]
    [InlineData("2.3", SectionKind.All)]
    [InlineData("1.1", SectionKind.All)]
    [InlineData("1", SectionKind.Header)]
    [InlineData("1", SectionKind.Text)]
    [InlineData("0", SectionKind.All)]
    public void Sections_that_do_not_exist_are_empty(string part, SectionKind kind)
    {
        Assert.Equal("", Read(part, kind));
    }

    [Fact]
    public void Header_fields_are_matched_case_insensitively_in_message_order_and_end_with_a_blank_line()
    {
        Assert.Equal("From: forwarder@example.com\r\nSubject: Fwd: the original\r\n\r\n", Read("", SectionKind.HeaderFields, "SUBJECT", "from"));
        Assert.Equal("From: forwarder@example.com\r\nTo: someone@example.org\r\n\r\n",
            Read("", SectionKind.HeaderFieldsNot, "Subject", "DATE", "mime-version", "Content-Type"));
        Assert.Equal("Message-ID: <orig@example.net>\r\n\r\n", Read("2", SectionKind.HeaderFields, "MESSAGE-ID"));
        Assert.Equal("\r\n", Read("", SectionKind.HeaderFields, "X-Absent"));
        Assert.Equal("", Read("1", SectionKind.HeaderFields, "From"));
    }

    [Fact]
    public void Folded_header_fields_are_kept_whole()
    {
        var raw = MessageCorpus.Bytes("Subject: a long\n  folded subject\nX-Tab:\n\tvalue on the next line\nFrom: x@y\nX-Last: end\n\nbody\n");
        var summary = MessageSummary.Create(raw);

        var fields = BodySectionReader.Read(raw, summary, Spec("", SectionKind.HeaderFields, "x-tab", "subject"));
        var not = BodySectionReader.Read(raw, summary, Spec("", SectionKind.HeaderFieldsNot, "x-tab", "subject"));

        Assert.Equal("Subject: a long\r\n  folded subject\r\nX-Tab:\r\n\tvalue on the next line\r\n\r\n", Encoding.ASCII.GetString(fields));
        Assert.Equal("From: x@y\r\nX-Last: end\r\n\r\n", Encoding.ASCII.GetString(not));
    }

    [Fact]
    public void Header_without_final_line_end_still_gives_complete_lines()
    {
        var raw = Encoding.ASCII.GetBytes(MessageCorpus.HeadersOnly);
        var summary = MessageSummary.Create(raw);

        Assert.Equal("Subject: no blank line\r\n\r\n",
            Encoding.ASCII.GetString(BodySectionReader.Read(raw, summary, Spec("", SectionKind.HeaderFields, "Subject"))));
        Assert.Equal(MessageCorpus.HeadersOnly, Encoding.ASCII.GetString(BodySectionReader.Read(raw, summary, Spec("", SectionKind.Header))));
        Assert.Empty(BodySectionReader.Read(raw, summary, Spec("", SectionKind.Text)));
    }

    [Fact]
    public void In_a_single_part_message_part_1_is_the_body_and_its_mime_header_the_message_header()
    {
        var raw = MessageCorpus.Bytes(MessageCorpus.Simple);
        var summary = MessageSummary.Create(raw);

        Assert.Equal(BodySectionReader.Read(raw, summary, Spec("", SectionKind.Text)), BodySectionReader.Read(raw, summary, Spec("1", SectionKind.All)));
        Assert.Equal(BodySectionReader.Read(raw, summary, Spec("", SectionKind.Header)), BodySectionReader.Read(raw, summary, Spec("1", SectionKind.Mime)));
        Assert.Empty(BodySectionReader.Read(raw, summary, Spec("2", SectionKind.All)));
    }

    [Theory]
    [InlineData(0, 10, "From: forw")]
    [InlineData(6, 9, "forwarder")]
    [InlineData(707, 1000, "--outer--\r\n")]
    [InlineData(5000, 10, "")]
    [InlineData(0, 0, "")]
    public void Partial_windows_cut_from_the_origin(long start, long count, string expected)
    {
        var item = new FetchAttribute.BodySection(BodySectionSpec.Whole, Peek: true, new Partial(start, count));
        var data = BodySectionReader.Fetch(NestedBytes, NestedSummary, item);
        Assert.Equal(expected, Encoding.ASCII.GetString(data!));
    }

    [Fact]
    public void Binary_decodes_the_transfer_encoding()
    {
        var mixed = MessageCorpus.Get("mixed");
        var mixedSummary = MessageSummary.Create(mixed);
        var alternative = MessageCorpus.Get("alternative");
        var alternativeSummary = MessageSummary.Create(alternative);

        var pdf = BodySectionReader.Fetch(mixed, mixedSummary, new FetchAttribute.BodySection(Spec("2", SectionKind.All), true, Binary: true));
        var html = BodySectionReader.Fetch(alternative, alternativeSummary, new FetchAttribute.BodySection(Spec("2", SectionKind.All), true, Binary: true));
        var plain = BodySectionReader.Fetch(alternative, alternativeSummary, new FetchAttribute.BodySection(Spec("1", SectionKind.All), true, Binary: true));

        Assert.Equal(Convert.FromBase64String("JVBERi0xLjQKJcfsj6IKMSAwIG9iago="), pdf);
        Assert.Equal("<p>Offers this week: <b>apples</b> \u2013 cheap.</p>", Encoding.UTF8.GetString(html!));
        Assert.Equal("Offers this week: apples.", Encoding.ASCII.GetString(plain!));
        Assert.Equal(pdf!.Length, BodySectionReader.BinarySize(mixed, mixedSummary, [2]));
        Assert.Equal(0, BodySectionReader.BinarySize(mixed, mixedSummary, [7]));
    }

    [Fact]
    public void Binary_of_an_unknown_transfer_encoding_is_null()
    {
        var raw = MessageCorpus.Bytes("Content-Type: application/octet-stream\nContent-Transfer-Encoding: x-martian\n\nzzz\n");
        var summary = MessageSummary.Create(raw);

        Assert.Null(BodySectionReader.Fetch(raw, summary, new FetchAttribute.BodySection(Spec("1", SectionKind.All), true, Binary: true)));
        Assert.Null(BodySectionReader.BinarySize(raw, summary, [1]));
    }

    [Theory]
    [MemberData(nameof(MessageCorpus.Names), MemberType = typeof(MessageCorpus))]
    public void Stream_and_memory_give_the_same_octets_for_every_section(string name)
    {
        var raw = MessageCorpus.Get(name);
        var summary = MessageSummary.Create(raw);
        using var stream = new MemoryStream(raw);
        var paths = summary.Parts.Select(p => (IReadOnlyList<int>)p.Path).Append([]).Append([9]);
        foreach (var path in paths)
        {
            foreach (var kind in Enum.GetValues<SectionKind>())
            {
                var spec = new BodySectionSpec(path, kind, kind is SectionKind.HeaderFields or SectionKind.HeaderFieldsNot ? ["From", "Content-Type"] : []);
                Assert.Equal(BodySectionReader.Read(raw, summary, spec), BodySectionReader.Read(stream, summary, spec));
            }
            Assert.Equal(BodySectionReader.BinarySize(raw, summary, path), BodySectionReader.BinarySize(stream, summary, path));
        }
    }
}
