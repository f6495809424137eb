using Mail.Protocols.Smtp;
using Xunit;
using static Mail.Protocols.Tests.Smtp.SmtpCommandParserTests;

namespace Mail.Protocols.Tests.Smtp;

/// <summary>
/// RFC 6531 grammar: UTF8-non-ascii in atext and qtext, U-labels in domains. The parser takes
/// them with or without SMTPUTF8; <see cref="SmtpAddress.IsInternational"/> lets the session
/// refuse them (553 5.6.7) in a transaction that did not declare it.
/// </summary>
public sealed class SmtpUtf8Tests
{
    [Theory]
    [InlineData("MAIL FROM:<jösé@exämple.org> SMTPUTF8", "jösé", "exämple.org")]
    [InlineData("MAIL FROM:<用户@例子.广告> SMTPUTF8", "用户", "例子.广告")]
    [InlineData("MAIL FROM:<δοκιμή@παράδειγμα.δοκιμή> SMTPUTF8", "δοκιμή", "παράδειγμα.δοκιμή")]
    [InlineData("MAIL FROM:<\"ü ser\"@example.com> SMTPUTF8", "ü ser", "example.com")]
    [InlineData("MAIL FROM:<ascii@xn--bcher-kva.example> SMTPUTF8", "ascii", "xn--bcher-kva.example")]
    [InlineData("MAIL FROM:<👍@example.com> SMTPUTF8", "👍", "example.com")]
    public void Utf8_senders_with_smtputf8(string line, string local, string domain)
    {
        var mail = Assert.IsType<MailFrom>(Parse(line));
        Assert.True(mail.Parameters.SmtpUtf8);
        Assert.Equal(new SmtpAddress(local, domain), mail.Sender.Address);
    }

    [Theory]
    [InlineData("RCPT TO:<bøb@example.com>", true)]
    [InlineData("RCPT TO:<bob@bücher.example>", true)]
    [InlineData("RCPT TO:<\"bø b\"@example.com>", true)]
    [InlineData("RCPT TO:<bob@xn--bcher-kva.example>", false)] // an A-label is ASCII
    [InlineData("RCPT TO:<bob@example.com>", false)]
    public void Recipients_are_flagged_for_the_session(string line, bool international) =>
        Assert.Equal(international, Assert.IsType<RcptTo>(Parse(line)).Recipient.IsInternational);

    [Fact]
    public void A_u_label_too_long_for_an_a_label_is_refused()
    {
        Assert.IsType<RcptTo>(Parse($"RCPT TO:<bob@{new string('ü', 20)}.example>"));
        Assert.Equal(SmtpReply.BadRecipientSyntax, Refuse($"RCPT TO:<bob@{new string('ü', 60)}.example>"));
    }

    [Theory]
    [InlineData("RCPT TO:<bob@exa\u00a0mple.com>")]   // NO-BREAK SPACE maps to a space: not a U-label
    [InlineData("RCPT TO:<bob@b\u00fccher-.example>")] // hyphen rules hold for U-labels too
    [InlineData("RCPT TO:<bob@\u00fc.-x.example>")]
    [InlineData("RCPT TO:<bøb@bücher..example>")]
    [InlineData("RCPT TO:<bob@\u2603.example>")]      // a symbol (snowman): IDNA2008 disallows it
    [InlineData("RCPT TO:<bob@a\u200bb.example>")]    // ZERO WIDTH SPACE, a format character
    [InlineData("RCPT TO:<bob@a\ufffdb.example>")]    // what a broken decoder leaves behind
    [InlineData("RCPT TO:<bob@a\ue000b.example>")]    // private use
    public void Bad_u_labels_are_syntax_errors(string line) =>
        Assert.Equal(SmtpReply.BadRecipientSyntax, Refuse(line));

    [Theory]
    [InlineData("RCPT TO:<b\u0085b@example.com>")] // C1 control (NEL)
    [InlineData("RCPT TO:<\"b\u009bb\"@example.com>")]
    public void Non_ascii_controls_are_refused(string line) =>
        Assert.Equal(SmtpReply.SyntaxError, Refuse(line));

    [Fact]
    public void Local_part_limit_counts_octets_not_characters()
    {
        Assert.IsType<RcptTo>(Parse($"RCPT TO:<{new string('ü', 32)}@example.com>"));  // 64 octets
        Assert.Equal(SmtpReply.RecipientPathTooLong, Refuse($"RCPT TO:<{new string('ü', 33)}@example.com>"));
    }

    [Fact]
    public void Not_utf8_at_all_is_refused_before_anything_else() =>
        Assert.Equal(SmtpReply.BadUtf8, Refuse([.. "RCPT TO:<b"u8, 0xC3, 0x28, .. "b@example.com>"u8]));

    [Fact]
    public void The_refusal_without_smtputf8_is_553_5_6_7() =>
        Assert.Equal("553 5.6.7 Must declare SMTPUTF8 to send UTF8 addresses", SmtpReply.Utf8NotDeclared.ToString());
}
