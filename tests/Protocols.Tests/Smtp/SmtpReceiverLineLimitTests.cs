using Mail.Protocols.Smtp;
using Xunit;
using static Mail.Protocols.Tests.Smtp.ReceiverDriver;

namespace Mail.Protocols.Tests.Smtp;

/// <summary>
/// RFC 5321 4.5.3.1: command lines (512 octets with CRLF by default, AUTH lines longer, as
/// RFC 4954 allows) and text lines in DATA (1000 with CRLF), refused or stored whole, never cut.
/// </summary>
public sealed class SmtpReceiverLineLimitTests
{
    private const string DataCommand = "command:Data { Verb = DATA }";
    private const string End = "DataEnd { }";

    private static List<SmtpInput> Read(SmtpReceiver receiver, string text)
    {
        var bytes = Bytes(text);
        var results = new List<SmtpInput>();
        var offset = 0;
        while (true)
        {
            var result = receiver.Read(bytes.AsSpan(offset), out var consumed);
            offset += consumed;
            if (result is NeedMoreData)
                return results;
            results.Add(result);
            if (result is CommandInput { Command: Data })
                receiver.BeginData();
        }
    }

    [Fact]
    public void An_auth_line_may_be_longer_than_a_command_line()
    {
        var token = new string('A', 4000);
        var results = Read(new SmtpReceiver(), $"AUTH PLAIN {token}\r\nNOOP {token}\r\nQUIT\r\n");
        Assert.Equal(
            [new CommandInput(new Auth("PLAIN", token)), new ErrorInput(SmtpReply.LineTooLong), new CommandInput(Quit.Instance)],
            results);
    }

    [Fact]
    public void An_auth_line_over_the_sasl_limit_is_too_long_and_never_buffered()
    {
        var receiver = new SmtpReceiver();
        var huge = Bytes("AUTH PLAIN " + new string('A', SmtpReceiver.MaxAuthLine + 10));
        Assert.Equal(new ErrorInput(SmtpReply.LineTooLong), receiver.Read(huge, out var consumed));
        Assert.Equal(huge.Length, consumed);
        Assert.Equal(new CommandInput(Quit.Instance), receiver.Read(Bytes("AAAA\r\nQUIT\r\n"), out _));
    }

    [Fact]
    public void Long_text_lines_are_stored_whole_by_default()
    {
        var line = new string('x', 5000);
        var results = Describe(Read(new SmtpReceiver(), $"DATA\r\n{line}\r\n.\r\n"));
        Assert.Equal([DataCommand, $"data:{line}\r\n", End], results);
    }

    [Theory]
    [InlineData(998, false)]  // 1000 with CRLF: the limit itself
    [InlineData(999, true)]
    public void Long_text_lines_refuse_the_message_at_its_end_when_asked(int length, bool refused)
    {
        var line = new string('x', length);
        var input = $"DATA\r\nSubject: t\r\n\r\n{line}\r\nshort\r\n.\r\nQUIT\r\n";
        foreach (var step in new[] { 1, 7, input.Length })
        {
            var results = Describe(Feed(Bytes(input).Chunk(step), maxLine: 510, policy: BareLinefeedPolicy.Normalize, rejectLongLines: true));
            Assert.Equal(
                [DataCommand, $"data:Subject: t\r\n\r\n{line}\r\nshort\r\n",
                 refused ? "RefusedDataEnd { Reply = 500 5.5.2 Error: message has a line over 1000 octets }" : End,
                 "command:Quit { Verb = QUIT }"],
                results);
        }
    }

    [Fact]
    public void A_stuffing_dot_counts_and_the_flag_is_reset_for_the_next_message()
    {
        var line = "." + new string('x', 998); // 999 + CRLF on the wire, 998 + CRLF stored
        var results = Describe(Feed([Bytes($"DATA\r\n{line}\r\n.\r\nDATA\r\nok\r\n.\r\n")], maxLine: 510, rejectLongLines: true));
        Assert.Equal(
            [DataCommand, $"data:{line[1..]}\r\n", "RefusedDataEnd { Reply = 500 5.5.2 Error: message has a line over 1000 octets }",
             DataCommand, "data:ok\r\n", End],
            results);
    }

    [Fact]
    public void A_bare_lf_under_reject_refuses_a_command_line_at_once() =>
        Assert.Equal(
            ["BareLinefeedInput { }", "command:Quit { Verb = QUIT }"],
            Describe(FeedAllWays("NOOP\nQUIT\r\n", policy: BareLinefeedPolicy.Reject)));
}
