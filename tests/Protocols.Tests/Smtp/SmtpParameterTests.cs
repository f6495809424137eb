using Mail.Protocols.Smtp;
using Xunit;
using static Mail.Protocols.Tests.Smtp.SmtpCommandParserTests;

namespace Mail.Protocols.Tests.Smtp;

public sealed class SmtpParameterTests
{
    private static MailParameters MailParams(string parameters) =>
        Assert.IsType<MailFrom>(Parse("MAIL FROM:<a@b.example> " + parameters)).Parameters;

    private static RcptParameters RcptParams(string parameters) =>
        Assert.IsType<RcptTo>(Parse("RCPT TO:<a@b.example> " + parameters)).Parameters;

    [Theory]
    [InlineData("SIZE=12345", 12345L)]
    [InlineData("size=0", 0L)]
    [InlineData("SIZE=9223372036854775807", long.MaxValue)]
    [InlineData("SIZE=99999999999999999999", long.MaxValue)] // 20 digits: legal, clamped so it reads as too big
    public void Size(string parameter, long size) => Assert.Equal(size, MailParams(parameter).Size);

    [Theory]
    [InlineData("BODY=7BIT", SmtpBodyType.SevenBit)]
    [InlineData("body=8bitmime", SmtpBodyType.EightBitMime)]
    [InlineData("BODY=BINARYMIME", SmtpBodyType.BinaryMime)]
    public void Body(string parameter, SmtpBodyType body) => Assert.Equal(body, MailParams(parameter).Body);

    [Theory]
    [InlineData("RET=FULL", DsnReturn.Full)]
    [InlineData("ret=hdrs", DsnReturn.Headers)]
    public void Ret(string parameter, DsnReturn ret) => Assert.Equal(ret, MailParams(parameter).Return);

    [Fact]
    public void All_mail_parameters_together() =>
        Assert.Equal(
            new MailParameters(1000, SmtpBodyType.EightBitMime, true, DsnReturn.Headers, "QQ314159+abc"),
            MailParams("SIZE=1000  BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=QQ314159+2Babc"));

    [Fact]
    public void Parameters_after_the_null_sender() =>
        Assert.Equal(new MailParameters(Size: 5), Assert.IsType<MailFrom>(Parse("MAIL FROM:<> SIZE=5")).Parameters);

    [Theory]
    [InlineData("FOO=1", 555, "5.5.4", "Unsupported option: FOO")]
    [InlineData("x-custom", 555, "5.5.4", "Unsupported option: X-CUSTOM")]
    [InlineData("NOTIFY=NEVER", 555, "5.5.4", "Unsupported option: NOTIFY")] // an RCPT parameter on MAIL
    [InlineData("FOO FOO", 555, "5.5.4", "Unsupported option: FOO")]
    [InlineData("SIZE=1 SIZE=2", 501, "5.5.4", "Error: duplicate parameter")]
    [InlineData("size=1 Size=1", 501, "5.5.4", "Error: duplicate parameter")]
    [InlineData("SIZE=abc", 501, "5.5.4", "Bad SIZE parameter syntax")]
    [InlineData("SIZE", 501, "5.5.4", "Bad SIZE parameter syntax")]
    [InlineData("SIZE=-1", 501, "5.5.4", "Bad SIZE parameter syntax")]
    [InlineData("SIZE=123456789012345678901", 501, "5.5.4", "Bad SIZE parameter syntax")]
    [InlineData("SIZE=", 501, "5.5.4", "Syntax error in parameters or arguments")]
    [InlineData("=1", 501, "5.5.4", "Syntax error in parameters or arguments")]
    [InlineData("-SIZE=1", 501, "5.5.4", "Syntax error in parameters or arguments")]
    [InlineData("ENVID=a=b", 501, "5.5.4", "Syntax error in parameters or arguments")]
    [InlineData("BODY=9BIT", 501, "5.5.4", "Bad BODY parameter syntax")]
    [InlineData("BODY", 501, "5.5.4", "Bad BODY parameter syntax")]
    [InlineData("SMTPUTF8=yes", 501, "5.5.4", "Bad SMTPUTF8 parameter syntax")]
    [InlineData("RET=ALL", 501, "5.5.4", "Bad RET parameter syntax")]
    [InlineData("ENVID=a+zz", 501, "5.5.4", "Bad ENVID parameter syntax")]
    public void Mail_parameter_refusals(string parameters, int code, string enhanced, string text) =>
        Assert.Equal(new SmtpReply(code, enhanced, text), Refuse("MAIL FROM:<a@b.example> " + parameters));

    [Fact]
    public void Envid_is_at_most_100_characters()
    {
        Assert.Equal(new string('e', 100), MailParams("ENVID=" + new string('e', 100)).EnvelopeId);
        Assert.Equal(SmtpReply.BadParameter("ENVID parameter"), Refuse("MAIL FROM:<a@b.example> ENVID=" + new string('e', 101)));
    }

    [Theory]
    [InlineData("NOTIFY=NEVER", DsnNotify.Never)]
    [InlineData("notify=success", DsnNotify.Success)]
    [InlineData("NOTIFY=SUCCESS,FAILURE", DsnNotify.Success | DsnNotify.Failure)]
    [InlineData("NOTIFY=DELAY,FAILURE,SUCCESS", DsnNotify.Success | DsnNotify.Failure | DsnNotify.Delay)]
    public void Notify(string parameter, DsnNotify notify) => Assert.Equal(notify, RcptParams(parameter).Notify);

    [Fact]
    public void Orcpt_is_split_and_decoded() =>
        Assert.Equal(
            new RcptParameters(DsnNotify.Failure, new OriginalRecipient("rfc822", "user+tag@example.com")),
            RcptParams("NOTIFY=FAILURE ORCPT=rfc822;user+2Btag@example.com"));

    [Theory]
    [InlineData("NOTIFY=NEVER,SUCCESS", 501, "5.5.4", "Bad NOTIFY parameter syntax")]
    [InlineData("NOTIFY=SOMETIMES", 501, "5.5.4", "Bad NOTIFY parameter syntax")]
    [InlineData("NOTIFY=SUCCESS,", 501, "5.5.4", "Bad NOTIFY parameter syntax")]
    [InlineData("NOTIFY", 501, "5.5.4", "Bad NOTIFY parameter syntax")]
    [InlineData("ORCPT=rfc822", 501, "5.5.4", "Bad ORCPT parameter syntax")]
    [InlineData("ORCPT=;a@b.example", 501, "5.5.4", "Bad ORCPT parameter syntax")]
    [InlineData("ORCPT=rfc822;", 501, "5.5.4", "Bad ORCPT parameter syntax")]
    [InlineData("ORCPT=rfc822;a+zz", 501, "5.5.4", "Bad ORCPT parameter syntax")]
    [InlineData("NOTIFY=NEVER NOTIFY=NEVER", 501, "5.5.4", "Error: duplicate parameter")]
    [InlineData("SIZE=1", 555, "5.5.4", "Unsupported option: SIZE")]
    public void Rcpt_parameter_refusals(string parameters, int code, string enhanced, string text) =>
        Assert.Equal(new SmtpReply(code, enhanced, text), Refuse("RCPT TO:<a@b.example> " + parameters));
}
