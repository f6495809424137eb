using Mail.Host.Directory;
using Xunit;

namespace Mail.Host.Tests.Directory;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Hash_has_dovecot_sha512_crypt_shape()
    {
        var stored = PasswordHasher.Hash("correct horse");

        Assert.Matches(@"^\{SHA512-CRYPT\}\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$", stored);
        Assert.DoesNotContain("correct horse", stored);
        Assert.True(PasswordHasher.Verify("correct horse", stored));
        Assert.False(PasswordHasher.Verify("correct horsE", stored));
    }

    [Fact]
    public void Each_hash_gets_its_own_salt() =>
        Assert.NotEqual(PasswordHasher.Hash("same"), PasswordHasher.Hash("same"));

    [Theory]
    [InlineData("{SHA512-CRYPT}$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1")]
    [InlineData("{sha512-crypt}$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.")]
    [InlineData("{SHA256-CRYPT}$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5")]
    [InlineData("{PLAIN}Hello world!")]
    public void Verifies_supported_schemes(string stored)
    {
        Assert.True(PasswordHasher.Verify("Hello world!", stored));
        Assert.False(PasswordHasher.Verify("Hello world?", stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{}")]
    [InlineData("}{PLAIN}Hello world!")]
    [InlineData("Hello world!")]                        // no scheme: we have no default
    [InlineData("$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1")]
    [InlineData("{MD5-CRYPT}$1$abc$def")]              // unknown scheme
    [InlineData("{SHA256-CRYPT}$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1")]
    [InlineData("{SHA512-CRYPT}")]
    [InlineData("{SHA512-CRYPT}$6$")]
    [InlineData("{SHA512-CRYPT}$6$saltstring$")]
    [InlineData("{SHA512-CRYPT}$6$rounds=$x$y")]
    [InlineData("{SHA512-CRYPT}$6$rounds=99999999999999999999999$x$y")]
    [InlineData("{SHA512-CRYPT}$6$sälz$abc")]
    [InlineData("{SHA512-CRYPT}$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1 ")]
    public void Bad_or_unknown_stored_values_give_false_never_throw(string stored) =>
        Assert.False(PasswordHasher.Verify("Hello world!", stored));

    [Fact]
    public void Null_inputs_give_false() =>
        Assert.False(PasswordHasher.Verify(null!, null!));
}
