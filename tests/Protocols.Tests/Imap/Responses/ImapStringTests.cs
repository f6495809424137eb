using System.Text;
using Mail.Protocols.Imap;
using Xunit;

namespace Mail.Protocols.Tests.Imap.Responses;

public class ImapStringTests
{
    [Theory]
    [InlineData("hello", "\"hello\"")]
    [InlineData("", "\"\"")]
    [InlineData("say \"hi\" \\o/", "\"say \\\"hi\\\" \\\\o/\"")]
    [InlineData("two\r\nlines", "{10}\r\ntwo\r\nlines")]
    [InlineData("bare\nlf", "{7}\r\nbare\nlf")]
    [InlineData("Grüße", "{7}\r\nGrüße")]
    public void Strings_are_quoted_when_safe_and_literals_otherwise(string text, string expected)
    {
        Assert.Equal(expected, new ImapWriter().String(text).ToString());
    }

    [Fact]
    public void With_utf8_accept_valid_utf8_is_quoted_but_invalid_octets_still_go_as_literals()
    {
        Assert.Equal("\"Grüße\"", new ImapWriter(utf8Accepted: true).String("Grüße").ToString());
        Assert.Equal("{2}\r\n", Encoding.ASCII.GetString(new ImapWriter(utf8Accepted: true).String([0xff, 0x41]).ToArray()[..5]));
    }

    [Fact]
    public void Nul_forces_a_literal8_and_long_text_a_literal()
    {
        Assert.Equal("~{3}\r\na\0b", new ImapWriter().String("a\0b").ToString());
        var longText = new string('x', ImapString.MaxQuotedLength + 1);
        Assert.StartsWith("{1025}\r\n", new ImapWriter().String(longText).ToString());
    }

    [Theory]
    [InlineData(null, "NIL")]
    [InlineData("NIL", "\"NIL\"")]
    [InlineData("x", "\"x\"")]
    public void Nstring_is_nil_for_null(string? text, string expected)
    {
        Assert.Equal(expected, new ImapWriter().NString(text).ToString());
    }

    [Theory]
    [InlineData("INBOX", "INBOX")]
    [InlineData("Sent/2024", "Sent/2024")]
    [InlineData("a]b", "a]b")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("", "\"\"")]
    [InlineData("NIL", "\"NIL\"")]
    [InlineData("per%cent", "\"per%cent\"")]
    [InlineData("star*", "\"star*\"")]
    [InlineData("{brace", "\"{brace\"")]
    [InlineData("(paren", "\"(paren\"")]
    public void Astring_is_an_atom_when_it_can_be(string text, string expected)
    {
        Assert.Equal(expected, new ImapWriter().AString(text).ToString());
    }

    [Fact]
    public void Atoms_exclude_atom_specials_and_resp_specials()
    {
        Assert.True(ImapString.IsAtom("\\Seen"[1..]));
        Assert.False(ImapString.IsAtom("a]b"));
        Assert.True(ImapString.IsAtom("a]b", astring: true));
        Assert.False(ImapString.IsAtom("café"));
    }
}
