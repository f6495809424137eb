using FsCheck;
using FsCheck.Fluent;
using Mail.Protocols.Imap;
using Xunit;

namespace Mail.Protocols.Tests.Imap.Parsing;

/// <summary>Mailbox names in modified UTF-7 (RFC 3501 5.1.3).</summary>
public sealed class ModifiedUtf7Tests
{
    [Theory]
    // RFC 3501 5.1.3's example, and the RFC 2152 style corners.
    [InlineData("~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")]
    [InlineData("&", "&-")]
    [InlineData("Tom & Jerry", "Tom &- Jerry")]
    [InlineData("", "")]
    [InlineData("INBOX", "INBOX")]
    [InlineData("Entw\u00fcrfe", "Entw&APw-rfe")]
    [InlineData("\u263a", "&Jjo-")]
    [InlineData("\u00e9t\u00e9", "&AOk-t&AOk-")]
    [InlineData("\U0001F4E7 Mail", "&2D3c5w- Mail")]
    [InlineData("a\tb", "a&AAk-b")]
    public void Encodes_and_decodes(string name, string encoded)
    {
        Assert.Equal(encoded, ModifiedUtf7.Encode(name));
        Assert.True(ModifiedUtf7.TryDecode(encoded, out var decoded));
        Assert.Equal(name, decoded);
    }

    [Theory]
    [InlineData("&U,BTFw", "not closed")]
    [InlineData("&", "not closed")]
    [InlineData("&U,BTFw-&ZeVnLIqe-", "two runs in a row")]
    [InlineData("&AGE-", "printable US-ASCII encoded")]
    [InlineData("&ACY-", "& encoded")]
    [InlineData("&Jjp-", "padding bits not zero")]
    [InlineData("&JjoA-", "a superfluous base64 character")]
    [InlineData("&AOkA-", "an odd octet count")]
    [InlineData("&U/BTFw-", "'/' is not modified base64")]
    [InlineData("&U=-", "padding")]
    [InlineData("caf\u00e9", "8-bit character")]
    [InlineData("a\tb", "control character")]
    [InlineData("&2D0-", "lone high surrogate")]
    [InlineData("&3ec-", "lone low surrogate")]
    public void Rejects_malformed(string encoded, string why)
    {
        Assert.False(ModifiedUtf7.TryDecode(encoded, out _), why);
    }

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    // Valid Unicode text only: a lone surrogate is no name.
    private static readonly Gen<string> Names = Gen.Frequency(
            (3, Gen.Choose(0x20, 0x7e)), (2, Gen.Choose(0, 0x1f)), (2, Gen.Choose(0x80, 0xd7ff)), (1, Gen.Choose(0xe000, 0x10ffff)))
        .ListOf().Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32)));

    [Fact]
    public void Every_name_round_trips() =>
        Check.One(Runs, Prop.ForAll(Names.ToArbitrary(), name =>
        {
            var encoded = ModifiedUtf7.Encode(name);
            Assert.All(encoded, c => Assert.InRange(c, ' ', '~'));
            Assert.True(ModifiedUtf7.TryDecode(encoded, out var decoded));
            Assert.Equal(name, decoded);
        }));

    // Decoding accepts only the one encoding Encode writes, so whatever decodes re-encodes to itself.
    [Fact]
    public void Whatever_decodes_is_the_canonical_encoding() =>
        Check.One(Runs, Prop.ForAll(
            Gen.Elements('&', '-', 'A', 'G', 'E', 'U', ',', '+', '/', 'J', 'j', 'o', '2', 'D', '3', 'c', 'x', ' ', '\u00e9')
                .ListOf().Select(cs => new string([.. cs])).ToArbitrary(),
            text =>
            {
                if (ModifiedUtf7.TryDecode(text, out var decoded))
                    Assert.Equal(text, ModifiedUtf7.Encode(decoded));
            }));
}
