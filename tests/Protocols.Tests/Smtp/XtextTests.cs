using Mail.Protocols.Smtp;
using Xunit;

namespace Mail.Protocols.Tests.Smtp;

public sealed class XtextTests
{
    [Theory]
    [InlineData("QQ314159", "QQ314159")]
    [InlineData("a+2Bb+3Dc", "a+b=c")]
    [InlineData("user+40example.com", "user@example.com")]
    [InlineData("+c3+a9", "é")]
    [InlineData("", "")]
    public void Decodes(string xtext, string expected)
    {
        Assert.True(Xtext.TryDecode(xtext, out var decoded));
        Assert.Equal(expected, decoded);
    }

    [Theory]
    [InlineData("a=b")]
    [InlineData("a b")]
    [InlineData("+4")]
    [InlineData("+ZZ")]
    [InlineData("+FF")] // not UTF-8
    public void Refuses(string xtext) => Assert.False(Xtext.TryDecode(xtext, out _));

    [Theory]
    [InlineData("a+b=c", "a+2Bb+3Dc")]
    [InlineData("john doe@example.com", "john+20doe@example.com")]
    [InlineData("é", "+C3+A9")]
    public void Encodes_and_round_trips(string text, string expected)
    {
        Assert.Equal(expected, Xtext.Encode(text));
        Assert.True(Xtext.TryDecode(Xtext.Encode(text), out var back));
        Assert.Equal(text, back);
    }
}
