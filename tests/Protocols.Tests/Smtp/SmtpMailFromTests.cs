using Mail.Protocols.Smtp;
using Xunit;
using static Mail.Protocols.Tests.Smtp.SmtpCommandParserTests;

namespace Mail.Protocols.Tests.Smtp;

public sealed class SmtpMailFromTests
{
    private static MailFrom Mail(string line) => Assert.IsType<MailFrom>(Parse(line));

    [Theory]
    [InlineData("MAIL FROM:<>")]
    [InlineData("mail from:<>")]
    [InlineData("MAIL FROM: <>")]
    public void Null_sender(string line)
    {
        var mail = Mail(line);
        Assert.Same(ReversePath.Null, mail.Sender);
        Assert.True(mail.Sender.IsNull);
        Assert.Equal("<>", mail.Sender.ToString());
        Assert.Equal(MailParameters.None, mail.Parameters);
    }

    [Theory]
    [InlineData("MAIL FROM:<user@example.com>", "user@example.com")]
    [InlineData("mail from:<User@Example.COM>", "User@Example.COM")]
    [InlineData("MAIL FROM: <user@example.com>", "user@example.com")] // Postfix leniency
    [InlineData("MAIL FROM:user@example.com", "user@example.com")] // no brackets, as Postfix accepts
    [InlineData("MAIL   FROM:<user@example.com>  ", "user@example.com")]
    [InlineData("MAIL FROM:<@a.example,@b.example:user@c.example>", "user@c.example")] // route dropped
    [InlineData("MAIL FROM:<first.last+tag@sub-domain.example.com>", "first.last+tag@sub-domain.example.com")]
    [InlineData("MAIL FROM:<\"john doe\"@example.com>", "\"john doe\"@example.com")]
    [InlineData("MAIL FROM:<\"john\"@example.com>", "john@example.com")] // canonical form drops needless quotes
    [InlineData("MAIL FROM:<\"a\\\"b\"@example.com>", "\"a\\\"b\"@example.com")]
    [InlineData("MAIL FROM:<\"\"@example.com>", "\"\"@example.com")]
    [InlineData("MAIL FROM:<user@[192.0.2.1]>", "user@[192.0.2.1]")]
    [InlineData("MAIL FROM:<user@[IPv6:::1]>", "user@[IPv6:::1]")]
    [InlineData("MAIL FROM:<user@[IPv6:2001:db8::1]>", "user@[IPv6:2001:db8::1]")]
    [InlineData("MAIL FROM:<user@[x-tag:some-data]>", "user@[x-tag:some-data]")] // General-address-literal
    [InlineData("MAIL FROM:<用户@例子.广告>", "用户@例子.广告")] // RFC 6531
    [InlineData("MAIL FROM:<user@1.2.3.4>", "user@1.2.3.4")] // digits are Let-dig
    public void Senders(string line, string canonical) => Assert.Equal(canonical, Mail(line).Sender.Address!.ToString());

    [Fact]
    public void Quoted_local_part_is_stored_unquoted()
    {
        var sender = Mail("MAIL FROM:<\"john doe\"@example.com>").Sender.Address!;
        Assert.Equal(new SmtpAddress("john doe", "example.com"), sender);
        Assert.False(sender.IsAddressLiteral);
    }

    [Theory]
    [InlineData("MAIL FROM:<u@[127.0.0.1]>", true)]
    [InlineData("MAIL FROM:<u@[IPv6:::1]>", true)]
    [InlineData("MAIL FROM:<u@example.com>", false)]
    public void Address_literals_are_flagged(string line, bool literal) =>
        Assert.Equal(literal, Mail(line).Sender.Address!.IsAddressLiteral);

    [Theory]
    [InlineData("MAIL FROM:<u@example.com>", false)]
    [InlineData("MAIL FROM:<ü@example.com>", true)]
    [InlineData("MAIL FROM:<u@bücher.example>", true)]
    public void International_addresses_are_flagged(string line, bool international) =>
        Assert.Equal(international, Mail(line).Sender.Address!.IsInternational);

    [Theory]
    [InlineData("MAIL", 501, "5.5.4")]
    [InlineData("MAIL TO:<a@b.example>", 501, "5.5.4")]
    [InlineData("MAIL FROM:", 501, "5.5.4")]
    [InlineData("MAIL FROM:   ", 501, "5.5.4")]
    [InlineData("MAIL FROM:<a@b.example", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<postmaster>", 501, "5.1.7")] // the domain-less form is for RCPT only
    [InlineData("MAIL FROM:<a@b.example>x", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a..b@example.com>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<.a@example.com>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a.@example.com>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a b@example.com>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a@b@example.com>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a@>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<@example.com>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a@-example.com>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a@example-.com>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a@example..com>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a@example.com.>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a@exa_mple.com>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a@[300.1.1.1]>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a@[1.2.3]>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a@[IPv6:zz]>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a@[IPv6:1.2.3.4]>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<a@[127.0.0.1>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<\"unterminated@example.com>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<@a.example:>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<@a.example user@b.example>", 501, "5.1.7")]
    [InlineData("MAIL FROM:<<a@b.example>>", 501, "5.1.7")]
    [InlineData("MAIL FROM:a@b.example>", 501, "5.1.7")]
    public void Refused(string line, int code, string enhanced)
    {
        var reply = Refuse(line);
        Assert.Equal((code, enhanced), (reply.Code, reply.Enhanced));
    }

    [Fact]
    public void Missing_from_explains_the_syntax() =>
        Assert.Equal("501 5.5.4 Syntax: MAIL FROM:<address>", Refuse("MAIL <a@b.example>").ToString());

    [Fact]
    public void Local_part_of_64_octets_is_the_limit()
    {
        var local = new string('a', 64);
        Assert.Equal(local, Mail($"MAIL FROM:<{local}@example.com>").Sender.Address!.LocalPart);
        Assert.Equal(SmtpReply.SenderPathTooLong, Refuse($"MAIL FROM:<a{local}@example.com>"));
    }

    [Fact]
    public void Local_part_limit_counts_utf8_octets() =>
        Assert.Equal(SmtpReply.SenderPathTooLong, Refuse($"MAIL FROM:<{new string('é', 33)}@example.com>"));

    [Fact]
    public void Path_of_256_octets_with_brackets_is_the_limit()
    {
        // "<" + 64 + "@" + domain + ">" = 256 with a 189-octet domain.
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 62), 3)) + ".ab"; // 62*3 + 2 + 3 = 191
        domain = domain[2..]; // 189
        var local = new string('a', 64);
        Assert.Equal(189, domain.Length);
        Assert.NotNull(Mail($"MAIL FROM:<{local}@{domain}>").Sender.Address);
        Assert.Equal(SmtpReply.SenderPathTooLong, Refuse($"MAIL FROM:<{local}@x{domain}>"));
        Assert.Equal(SmtpReply.SenderPathTooLong, Refuse($"MAIL FROM:{local}@x{domain}")); // brackets counted when missing
    }
}
