using Mail.Host.Directory;
using Xunit;

namespace Mail.Host.Tests.Directory;

public sealed class AddressSyntaxTests
{
    [Theory]
    [InlineData("Alice@Example.TEST", "alice@example.test")]
    [InlineData("first.last+tag@sub.example.test", "first.last+tag@sub.example.test")]
    [InlineData("o'brien@example.test", "o'brien@example.test")]
    [InlineData("postmaster@localhost", "postmaster@localhost")]
    [InlineData("x@xn--bcher-kva.test", "x@xn--bcher-kva.test")]
    [InlineData("a@1example.test", "a@1example.test")]
    public void Valid_addresses_are_lower_cased(string input, string expected)
    {
        Assert.True(AddressSyntax.TryNormalizeAddress(input, out var normalized, out var error), error);
        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void Length_limits_follow_rfc_5321()
    {
        Assert.True(AddressSyntax.TryNormalizeAddress(new string('a', 64) + "@example.test", out _, out _));
        Assert.False(AddressSyntax.TryNormalizeAddress(new string('a', 65) + "@example.test", out _, out _));
        Assert.True(AddressSyntax.TryNormalizeDomain(new string('a', 63) + ".test", out _, out _));
        Assert.False(AddressSyntax.TryNormalizeDomain(new string('a', 64) + ".test", out _, out _));
    }

    [Fact]
    public void Errors_say_what_is_wrong()
    {
        Assert.False(AddressSyntax.TryNormalizeAddress("alice@", out _, out var error));
        Assert.Equal("the domain part is invalid (it is empty)", error);
        var e = Assert.Throws<DirectoryException>(() => AddressSyntax.NormalizeDomain("bücher.test"));
        Assert.Equal("'bücher.test' is not a valid domain: non-ASCII names must be given in their xn-- (IDNA) form", e.Message);
    }
}
