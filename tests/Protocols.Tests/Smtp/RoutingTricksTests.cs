using Mail.Protocols.Smtp;
using Xunit;
using static Mail.Protocols.Tests.Smtp.SmtpCommandParserTests;

namespace Mail.Protocols.Tests.Smtp;

/// <summary>Recipient forms that hide a route to another host behind a local-looking address.</summary>
public sealed class RoutingTricksTests
{
    private static SmtpAddress Recipient(string line) => Assert.IsType<RcptTo>(Parse(line)).Recipient;

    [Theory]
    [InlineData("RCPT TO:<user@local.example>", HiddenRoute.None)]
    [InlineData("RCPT TO:<first.last+tag@local.example>", HiddenRoute.None)]
    [InlineData("RCPT TO:<user%remote.example@local.example>", HiddenRoute.PercentHack)]
    [InlineData("RCPT TO:<user%remote.example%relay.example@local.example>", HiddenRoute.PercentHack)]
    [InlineData("RCPT TO:<\"user%remote.example\"@local.example>", HiddenRoute.PercentHack)]
    [InlineData("RCPT TO:user%remote.example@local.example", HiddenRoute.PercentHack)]
    [InlineData("RCPT TO:<remote.example!user@local.example>", HiddenRoute.BangPath)]
    [InlineData("RCPT TO:<a!b!user@local.example>", HiddenRoute.BangPath)]
    [InlineData("RCPT TO:<\"user@remote.example\"@local.example>", HiddenRoute.QuotedAt)]
    [InlineData("RCPT TO:<\"@relay.example:user@remote.example\"@local.example>", HiddenRoute.QuotedAt)]
    [InlineData("RCPT TO:<\"user\\@remote.example\"@local.example>", HiddenRoute.QuotedAt)]
    [InlineData("RCPT TO:<\"user!x%y@z\"@local.example>", HiddenRoute.QuotedAt)]
    [InlineData("RCPT TO:<user%@local.example>", HiddenRoute.None)]   // nothing to route to
    [InlineData("RCPT TO:<%user@local.example>", HiddenRoute.None)]
    [InlineData("RCPT TO:<user!@local.example>", HiddenRoute.None)]
    [InlineData("RCPT TO:<!user@local.example>", HiddenRoute.None)]
    [InlineData("RCPT TO:<postmaster>", HiddenRoute.None)]
    public void Classified(string line, HiddenRoute expected)
    {
        var recipient = Recipient(line);
        Assert.Equal(expected, RoutingTricks.Classify(recipient));
        Assert.Equal(expected != HiddenRoute.None, RoutingTricks.Hides(recipient));
    }

    // RFC 5321 4.1.1.3 and appendix C: accept and ignore the route; what is left is the
    // final address, judged on its own domain (here remote, so it is a relay attempt).
    [Theory]
    [InlineData("RCPT TO:<@local.example:user@remote.example>", "user", "remote.example")]
    [InlineData("RCPT TO:<@local.example,@other.example:user@remote.example>", "user", "remote.example")]
    [InlineData("RCPT TO:<@local.example:user%x@remote.example>", "user%x", "remote.example")]
    public void Source_route_leaves_the_final_address(string line, string local, string domain)
    {
        var recipient = Recipient(line);
        Assert.Equal(new SmtpAddress(local, domain), recipient);
    }

    [Theory]
    [InlineData("RCPT TO:<user@remote.example@local.example>")]
    [InlineData("RCPT TO:user@remote.example@local.example")]
    [InlineData("RCPT TO:<@local.example:user@remote.example@local.example>")]
    [InlineData("RCPT TO:<@local.example user@remote.example>")]
    [InlineData("RCPT TO:<@:user@remote.example>")]
    [InlineData("RCPT TO:<@local.example:>")]
    public void Double_at_and_broken_routes_are_syntax_errors(string line) =>
        Assert.Equal(SmtpReply.BadRecipientSyntax, Refuse(line));

    [Fact]
    public void Sender_source_route_is_dropped_too() =>
        Assert.Equal(
            new SmtpAddress("user", "remote.example"),
            Assert.IsType<MailFrom>(Parse("MAIL FROM:<@relay.example:user@remote.example>")).Sender.Address);
}
