using Mail.Actors.Smtp;

namespace Mail.Actors.Tests.Smtp;

/// The optional restrictions (maild.smtp.restrictions), in the configured order, after the access rules.
public sealed class SmtpRestrictionTests : SmtpDialogue
{
    public SmtpRestrictionTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void Non_fqdn_helo_sender_and_recipient_are_refused_in_the_listed_order()
    {
        Settings = Settings with
        {
            OptionalRestrictions = [SmtpRestriction.RejectNonFqdnSender, SmtpRestriction.RejectNonFqdnHeloHostname, SmtpRestriction.RejectNonFqdnRecipient],
        };
        Connect();
        Send("EHLO laptop", "250-mx.test", "250-PIPELINING", "250-SIZE 4096", "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250 DSN");
        Send("MAIL FROM:<alice@localhost>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "504 5.5.2 <alice@localhost>: Sender address rejected: need fully-qualified address");
        Send("RSET", "250 2.0.0 Ok");
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "504 5.5.2 <laptop>: Helo command rejected: need fully-qualified hostname");
        Send("EHLO laptop.example.org", "250-mx.test", "250-PIPELINING", "250-SIZE 4096", "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250 DSN");
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@localhost>", "504 5.5.2 <bob@localhost>: Recipient address rejected: need fully-qualified address");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
    }

    [Fact]
    public void Invalid_helo_and_unauthorized_pipelining()
    {
        Settings = Settings with { OptionalRestrictions = [SmtpRestriction.RejectInvalidHeloHostname, SmtpRestriction.RejectUnauthPipelining] };
        Connect();
        Send("HELO bad_name.example", "250 mx.test");
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "501 5.5.2 <bad_name.example>: Helo command rejected: Invalid name");

        Connect();
        Send("HELO good.example", "250 mx.test");
        // A HELO client was not offered PIPELINING: sending ahead is a spamware tell.
        Client("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        ExpectReply("250 2.1.0 Ok");
        ExpectReply("503 5.5.0 <bob@example.com>: Recipient address rejected: Improper use of SMTP command pipelining");
    }

    [Fact]
    public void Unknown_sender_domain_is_a_temporary_450_and_a_null_MX_a_550()
    {
        using var dns = new Mail.Tests.Shared.DnsResponder();
        dns.AddMx("known.test", 10, "mx.known.test").AddA("mx.known.test", "127.0.0.1").AddA("bare.test", "127.0.0.1").AddNullMx("nomail.test");
        Resolver = new Mail.Actors.Delivery.Remote.MxResolver(Mail.Actors.Delivery.Remote.RemoteDeliverySettings.Defaults("mx.test") with
        {
            DnsServers = [dns.EndPoint],
            DnsTimeout = TimeSpan.FromSeconds(2),
        });
        Settings = Settings with { OptionalRestrictions = [SmtpRestriction.RejectUnknownSenderDomain] };
        Connect();
        Ehlo();
        foreach (var ok in new[] { "a@known.test", "a@bare.test" })
        {
            Send($"MAIL FROM:<{ok}>", "250 2.1.0 Ok");
            Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
            Send("RSET", "250 2.0.0 Ok");
        }
        Send("MAIL FROM:<a@unknown.test>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "450 4.1.8 <a@unknown.test>: Sender address rejected: Domain not found");
        Send("RSET", "250 2.0.0 Ok");
        Send("MAIL FROM:<a@nomail.test>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "550 5.7.27 <a@nomail.test>: Sender address rejected: Domain nomail.test does not accept mail (nullMX)");
        Send("RSET", "250 2.0.0 Ok");
        Send("MAIL FROM:<>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
    }

    [Fact]
    public void Nothing_is_checked_unless_listed()
    {
        Connect();
        Send("HELO laptop", "250 mx.test");
        Send("MAIL FROM:<alice@localhost>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
    }

    [Theory]
    [InlineData("mail.example.org", true, true)]
    [InlineData("laptop", false, true)]
    [InlineData("[192.0.2.1]", true, true)]
    [InlineData("[IPv6:2001:db8::1]", true, true)]
    [InlineData("-bad.example", true, false)]
    [InlineData("under_score.example", true, false)]
    [InlineData("[not.an.ip]", true, false)]
    public void Fqdn_and_hostname_syntax(string name, bool fqdn, bool valid)
    {
        Assert.Equal(fqdn, SmtpRestrictions.IsFqdn(name));
        Assert.Equal(valid, SmtpRestrictions.IsValidHostname(name));
    }
}
