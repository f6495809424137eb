using Mail.Protocols.Smtp;
using Xunit;

namespace Mail.Protocols.Tests.Smtp;

public sealed class SmtpReplyTests
{
    [Fact]
    public void One_line_with_enhanced_code() =>
        Assert.Equal("250 2.0.0 Ok\r\n", SmtpReply.Ok.ToWire());

    [Fact]
    public void One_line_without_enhanced_code() =>
        Assert.Equal("354 End data with <CR><LF>.<CR><LF>\r\n", SmtpReply.StartData.ToWire());

    [Fact]
    public void Several_lines_repeat_the_enhanced_code_and_end_with_a_space() =>
        Assert.Equal(
            "214-2.0.0 first\r\n214-2.0.0 second\r\n214 2.0.0 last\r\n",
            SmtpReply.Lines(214, "2.0.0", ["first", "second", "last"]).ToWire());

    [Fact]
    public void Several_lines_without_enhanced_code() =>
        Assert.Equal("250-a\r\n250 b\r\n", SmtpReply.Lines(250, null, ["a", "b"]).ToWire());

    [Fact]
    public void Replies_with_equal_lines_are_equal()
    {
        Assert.Equal(SmtpReply.Lines(250, null, ["a", "b"]), SmtpReply.Lines(250, null, ["a", "b"]));
        Assert.NotEqual(SmtpReply.Lines(250, null, ["a", "b"]), SmtpReply.Lines(250, null, ["a", "c"]));
        Assert.NotEqual(SmtpReply.Lines(250, null, ["a", "b"]), new SmtpReply(250, null, "a"));
    }

    [Theory]
    [InlineData("Ok\r\n250 2.0.0 injected")]
    [InlineData("bare\nLF")]
    public void Line_breaks_in_text_are_refused(string text) =>
        Assert.Throws<ArgumentException>(() => new SmtpReply(250, null, text));

    [Theory]
    [InlineData(199)]
    [InlineData(600)]
    public void Codes_outside_2xx_to_5xx_are_refused(int code) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmtpReply(code, null, "x"));

    [Fact]
    public void Empty_text_without_enhanced_code_is_just_the_code() =>
        Assert.Equal("250\r\n", new SmtpReply(250, null, "").ToWire());

    [Theory]
    [MemberData(nameof(WellKnown))]
    public void Well_known_replies_are_worded_like_postfix(SmtpReply reply, string wire) =>
        Assert.Equal(wire, reply.ToWire());

    public static TheoryData<SmtpReply, string> WellKnown() => new()
    {
        { SmtpReply.Bye, "221 2.0.0 Bye\r\n" },
        { SmtpReply.UnknownCommand, "500 5.5.2 Error: command not recognized\r\n" },
        { SmtpReply.LineTooLong, "500 5.5.2 Line too long\r\n" },
        { SmtpReply.NoValidRecipients, "554 5.5.1 Error: no valid recipients\r\n" },
        { SmtpReply.VrfyCannot, "252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery\r\n" },
        { SmtpReply.MessageTooBig, "552 5.3.4 Error: message file too big\r\n" },
        { SmtpReply.Greeting("mx.example.com"), "220 mx.example.com ESMTP maild\r\n" },
        { SmtpReply.Hello("mx.example.com"), "250 mx.example.com\r\n" },
        { SmtpReply.Timeout("mx.example.com"), "421 4.4.2 mx.example.com Error: timeout exceeded\r\n" },
        { SmtpReply.ServiceClosing("mx.example.com"), "421 4.3.2 mx.example.com Service shutting down, closing transmission channel\r\n" },
        { SmtpReply.UnsupportedParameter("FOO"), "555 5.5.4 Unsupported option: FOO\r\n" },
        { SmtpReply.Usage("MAIL FROM:<address>"), "501 5.5.4 Syntax: MAIL FROM:<address>\r\n" },
        { SmtpReply.Queued("4XyZ"), "250 2.0.0 Ok: queued as 4XyZ\r\n" },
    };

    [Fact]
    public void Ehlo_reply_lists_keywords_with_the_size_limit_and_no_enhanced_codes() =>
        Assert.Equal(
            "250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES\r\n",
            EhloKeywords.Reply(
                "mx.example.com",
                10240000,
                [EhloKeywords.Pipelining, EhloKeywords.Size, EhloKeywords.EightBitMime, EhloKeywords.EnhancedStatusCodes]).ToWire());

    [Fact]
    public void Ehlo_reply_without_keywords_is_one_line() =>
        Assert.Equal("250 mx.example.com\r\n", EhloKeywords.Reply("mx.example.com", 0, []).ToWire());

    [Fact]
    public void Ehlo_size_without_limit_has_no_number() =>
        Assert.Equal("250-mx\r\n250 SIZE\r\n", EhloKeywords.Reply("mx", 0, [EhloKeywords.Size]).ToWire());
}
