using Mail.Protocols.Smtp;
using Xunit;

namespace Mail.Protocols.Tests.Smtp;

public sealed class ReceivedProtocolTests
{
    [Theory]
    [InlineData(false, false, false, false, "SMTP")]
    [InlineData(true, false, false, false, "ESMTP")]
    [InlineData(true, false, true, false, "ESMTPS")]   // RFC 3848
    [InlineData(true, false, false, true, "ESMTPA")]
    [InlineData(true, false, true, true, "ESMTPSA")]
    [InlineData(true, true, false, false, "UTF8SMTP")] // RFC 6531 3.7.3
    [InlineData(true, true, true, false, "UTF8SMTPS")]
    [InlineData(true, true, false, true, "UTF8SMTPA")]
    [InlineData(true, true, true, true, "UTF8SMTPSA")]
    public void Registered_names(bool esmtp, bool utf8, bool tls, bool auth, string expected) =>
        Assert.Equal(expected, ReceivedProtocol.For(esmtp, utf8, tls, auth));
}
