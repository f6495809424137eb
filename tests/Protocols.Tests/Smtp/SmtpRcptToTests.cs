using Mail.Protocols.Smtp;
using Xunit;
using static Mail.Protocols.Tests.Smtp.SmtpCommandParserTests;

namespace Mail.Protocols.Tests.Smtp;

public sealed class SmtpRcptToTests
{
    private static RcptTo Rcpt(string line) => Assert.IsType<RcptTo>(Parse(line));

    [Theory]
    [InlineData("RCPT TO:<user@example.com>", "user@example.com")]
    [InlineData("rcpt to:<user@example.com>", "user@example.com")]
    [InlineData("RCPT TO: <user@example.com>", "user@example.com")]
    [InlineData("RCPT TO:user@example.com", "user@example.com")]
    [InlineData("RCPT TO:<@hosta.int,@jkl.org:userc@d.bar.org>", "userc@d.bar.org")] // RFC 5321 3.6.1 example
    [InlineData("RCPT TO:<Postmaster@example.com>", "Postmaster@example.com")]
    [InlineData("RCPT TO:<\"user name\"@[IPv6:2001:db8::1]>", "\"user name\"@[IPv6:2001:db8::1]")]
    public void Recipients(string line, string canonical)
    {
        var rcpt = Rcpt(line);
        Assert.Equal(canonical, rcpt.Recipient.ToString());
        Assert.Equal(RcptParameters.None, rcpt.Parameters);
    }

    [Theory]
    [InlineData("RCPT TO:<Postmaster>")]
    [InlineData("RCPT TO:<postmaster>")]
    [InlineData("RCPT TO:<POSTMASTER>")]
    [InlineData("RCPT TO:postmaster")]
    [InlineData("RCPT TO:<postmaster> NOTIFY=NEVER")]
    public void Bare_postmaster_is_legal(string line)
    {
        var recipient = Rcpt(line).Recipient;
        Assert.Equal(SmtpAddress.Postmaster, recipient);
        Assert.False(recipient.HasDomain);
        Assert.Equal("postmaster", recipient.ToString());
    }

    [Theory]
    [InlineData("RCPT TO:<>", 501, "5.1.3", "Bad recipient address syntax")]
    [InlineData("RCPT TO:<user>", 501, "5.1.3", "Bad recipient address syntax")]
    [InlineData("RCPT TO:<postmasters>", 501, "5.1.3", "Bad recipient address syntax")]
    [InlineData("RCPT TO:<a@b.example>junk", 501, "5.1.3", "Bad recipient address syntax")]
    [InlineData("RCPT TO:<a@b..example>", 501, "5.1.3", "Bad recipient address syntax")]
    [InlineData("RCPT", 501, "5.5.4", "Syntax: RCPT TO:<address>")]
    [InlineData("RCPT FROM:<a@b.example>", 501, "5.5.4", "Syntax: RCPT TO:<address>")]
    [InlineData("RCPT TO:", 501, "5.5.4", "Syntax: RCPT TO:<address>")]
    public void Refused(string line, int code, string enhanced, string text) =>
        Assert.Equal(new SmtpReply(code, enhanced, text), Refuse(line));

    [Fact]
    public void Too_long_local_part_is_a_recipient_error() =>
        Assert.Equal(
            new SmtpReply(501, "5.1.3", "Path too long"),
            Refuse($"RCPT TO:<{new string('a', 65)}@example.com>"));

    [Theory]
    [InlineData("plain", "example.com", "plain@example.com")]
    [InlineData("john doe", "example.com", "\"john doe\"@example.com")]
    [InlineData("a\"b\\c", "example.com", "\"a\\\"b\\\\c\"@example.com")]
    [InlineData(".dot", "example.com", "\".dot\"@example.com")]
    [InlineData("", "example.com", "\"\"@example.com")]
    [InlineData("postmaster", "", "postmaster")]
    public void Canonical_form_quotes_only_when_needed(string local, string domain, string expected) =>
        Assert.Equal(expected, new SmtpAddress(local, domain).ToString());

    [Fact]
    public void Reverse_path_prints_with_brackets() =>
        Assert.Equal("<a@b.example>", ReversePath.Of(new SmtpAddress("a", "b.example")).ToString());
}
