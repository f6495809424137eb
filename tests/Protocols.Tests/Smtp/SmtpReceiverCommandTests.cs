using Mail.Protocols.Smtp;
using Xunit;
using static Mail.Protocols.Tests.Smtp.ReceiverDriver;

namespace Mail.Protocols.Tests.Smtp;

public sealed class SmtpReceiverCommandTests
{
    [Fact]
    public void Pipelined_commands_come_out_one_per_read()
    {
        var results = FeedAllWays("EHLO client.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nQUIT\r\n");
        Assert.Equal(
            [
                new CommandInput(new Ehlo("client.example")),
                new CommandInput(new MailFrom(ReversePath.Of(new SmtpAddress("a", "b.example")), MailParameters.None)),
                new CommandInput(new RcptTo(new SmtpAddress("c", "d.example"), RcptParameters.None)),
                new CommandInput(Quit.Instance),
            ],
            results);
    }

    [Fact]
    public void Bare_lf_ends_a_command_line_like_postfix() =>
        Assert.Equal(
            [new CommandInput(Noop.Instance), new CommandInput(Quit.Instance)],
            FeedAllWays("NOOP\nQUIT\n"));

    [Fact]
    public void Errors_are_reported_and_reading_carries_on() =>
        Assert.Equal(
            [new ErrorInput(SmtpReply.UnknownCommand), new ErrorInput(SmtpReply.UnknownCommand), new CommandInput(Noop.Instance)],
            FeedAllWays("FOO bar\r\n\r\nNOOP\r\n"));

    [Fact]
    public void An_unfinished_line_needs_more_data_and_consumes_nothing()
    {
        var receiver = new SmtpReceiver();
        Assert.Same(NeedMoreData.Instance, receiver.Read("NOOP\r"u8, out var consumed));
        Assert.Equal(0, consumed);
        Assert.Equal(new CommandInput(Noop.Instance), receiver.Read("NOOP\r\nQUIT"u8, out consumed));
        Assert.Equal(6, consumed);
    }

    [Fact]
    public void Empty_input_needs_more_data()
    {
        Assert.Same(NeedMoreData.Instance, new SmtpReceiver().Read([], out var consumed));
        Assert.Equal(0, consumed);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Line_of_exactly_the_limit_is_accepted(string ending)
    {
        var line = "NOOP " + new string('x', 27); // 32 octets
        Assert.Equal([new CommandInput(Noop.Instance)], FeedAllWays(line + ending, maxLine: 32));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Line_one_over_the_limit_is_too_long(string ending)
    {
        var line = "NOOP " + new string('x', 28); // 33 octets
        Assert.Equal(
            [new ErrorInput(SmtpReply.LineTooLong), new CommandInput(Quit.Instance)],
            FeedAllWays(line + ending + "QUIT" + ending, maxLine: 32));
    }

    [Fact]
    public void Long_line_is_reported_once_then_the_next_line_is_read() =>
        Assert.Equal(
            [new ErrorInput(SmtpReply.LineTooLong), new CommandInput(Quit.Instance)],
            FeedAllWays("MAIL FROM:<" + new string('a', 200) + "@b.example>\r\nQUIT\r\n", maxLine: 32));

    [Fact]
    public void Long_line_is_discarded_without_buffering()
    {
        var receiver = new SmtpReceiver(maxCommandLine: 66);
        var garbage = new byte[10_000];
        Array.Fill(garbage, (byte)'x');

        var first = receiver.Read(garbage, out var consumed);
        Assert.Equal(new ErrorInput(new SmtpReply(500, "5.5.2", "Line too long")), first);
        Assert.Equal(garbage.Length, consumed);

        Assert.Same(NeedMoreData.Instance, receiver.Read(garbage, out consumed));
        Assert.Equal(garbage.Length, consumed);

        Assert.Equal(new CommandInput(Quit.Instance), receiver.Read("xx\r\nQUIT\r\n"u8, out consumed));
        Assert.Equal(10, consumed);
    }

    [Fact]
    public void Default_limit_is_512_octets_with_crlf()
    {
        var line = "NOOP " + new string('x', 505); // 510 + CRLF
        Assert.Equal(new CommandInput(Noop.Instance), new SmtpReceiver().Read(Bytes(line + "\r\n"), out _));
        Assert.Equal(new ErrorInput(SmtpReply.LineTooLong), new SmtpReceiver().Read(Bytes(line + "x\r\n"), out _));
    }

    [Fact]
    public void Utf8_commands_are_decoded() =>
        Assert.Equal(
            new CommandInput(new RcptTo(new SmtpAddress("jösé", "bücher.example"), RcptParameters.None)),
            SmtpCommandParser.Parse("RCPT TO:<jösé@bücher.example>"u8));
}
