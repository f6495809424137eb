using Xunit;
using Mail.Protocols.Pop3;

namespace Mail.Protocols.Tests.Pop3;

public class Pop3ReceiverFramingTests
{
    [Fact]
    public void Pipelined_commands_come_out_one_per_read_in_order()
    {
        var results = ReceiverFeed.FeedAllWays("USER a\r\nPASS b c\r\nSTAT\nLIST 1\r\nBOGUS\r\nQUIT\r\n");
        Assert.Equal(
            [
                new CommandInput(new User("a")),
                new CommandInput(new Pass("b c")),
                new CommandInput(Stat.Instance),
                new CommandInput(new List(1)),
                new ErrorInput(Pop3Reply.Err("unknown command")),
                new CommandInput(Quit.Instance),
            ],
            results);
    }

    // After STLS the plaintext is discarded, including the rest of an overlong line being
    // skipped: the first line over TLS must be read as a command, not swallowed.
    [Fact]
    public void Reset_forgets_an_overlong_line_being_skipped()
    {
        var receiver = new Pop3Receiver();
        var overlong = System.Text.Encoding.ASCII.GetBytes("NOOP " + new string('x', 300));
        Assert.Equal("-ERR line too long", ReceiverFeed.ErrorText(receiver.Read(overlong, out _)));
        Assert.Same(NeedMoreData.Instance, receiver.Read("yyyy"u8, out var skipped)); // still skipping, waiting for its LF
        Assert.Equal(4, skipped);

        receiver.Reset();

        Assert.Equal(new CommandInput(Stat.Instance), receiver.Read("STAT\r\n"u8, out var consumed));
        Assert.Equal(6, consumed);
    }

    [Fact]
    public void Incomplete_line_needs_more_data_and_consumes_nothing()
    {
        var receiver = new Pop3Receiver();
        Assert.Same(NeedMoreData.Instance, receiver.Read("RETR 1\r"u8, out var consumed));
        Assert.Equal(0, consumed);
        Assert.Equal(new CommandInput(new Retr(1)), receiver.Read("RETR 1\r\nNO"u8, out consumed));
        Assert.Equal(8, consumed);
    }

    [Fact]
    public void Line_of_exactly_the_limit_is_accepted_one_more_octet_is_not()
    {
        // 255 octets including CRLF (RFC 2449 section 4): "PASS " + 248 + CRLF.
        var atLimit = "PASS " + new string('x', 248) + "\r\n";
        Assert.Equal(255, atLimit.Length);
        Assert.Equal(new CommandInput(new Pass(new string('x', 248))), ReceiverFeed.Single(atLimit));

        var overLimit = "PASS " + new string('x', 249) + "\r\n";
        Assert.Equal("-ERR line too long", ReceiverFeed.ErrorText(ReceiverFeed.Single(overLimit)));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(10_000)]
    public void Overlong_line_is_reported_once_then_skipped_through_its_LF(int length)
    {
        var input = "NOOP\r\nPASS " + new string('x', length) + "\r\nSTAT\r\n";
        var results = ReceiverFeed.FeedAllWays(input);
        Assert.Equal(
            [new CommandInput(Noop.Instance), new ErrorInput(Pop3Reply.Err("line too long")), new CommandInput(Stat.Instance)],
            results);
    }

    [Fact]
    public void Overlong_line_is_discarded_without_buffering_it()
    {
        var receiver = new Pop3Receiver();
        var junk = new byte[255];
        Array.Fill(junk, (byte)'x');
        Assert.Equal("-ERR line too long", ReceiverFeed.ErrorText(receiver.Read(junk, out var consumed)));
        Assert.Equal(255, consumed);
        // Still inside the overlong line: everything offered is consumed, nothing is kept.
        Assert.Same(NeedMoreData.Instance, receiver.Read(junk, out consumed));
        Assert.Equal(255, consumed);
        Assert.Equal(new CommandInput(Quit.Instance), receiver.Read("xx\r\nQUIT\r\n"u8, out consumed));
        Assert.Equal(10, consumed);
    }

    [Fact]
    public void Auth_lines_may_exceed_255_octets_up_to_the_auth_limit()
    {
        var token = new string('A', 2000);
        var command = Assert.IsType<CommandInput>(ReceiverFeed.Single($"AUTH XOAUTH2 {token}\r\n")).Command;
        Assert.Equal(new Auth("XOAUTH2", token), command);

        var tooLong = $"AUTH XOAUTH2 {new string('A', 4096)}\r\nNOOP\r\n";
        Assert.Equal(
            [new ErrorInput(Pop3Reply.Err("line too long")), new CommandInput(Noop.Instance)],
            ReceiverFeed.FeedAllWays(tooLong));
    }

    [Fact]
    public void Custom_limits_are_honoured()
    {
        var results = ReceiverFeed.Feed("USER abcdefgh\r\nUSER ab\r\n", 1, receiver: new Pop3Receiver(maxLine: 10, maxAuthLine: 10));
        Assert.Equal([new ErrorInput(Pop3Reply.Err("line too long")), new CommandInput(new User("ab"))], results);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pop3Receiver(maxLine: 100, maxAuthLine: 50));
    }

    [Theory]
    [InlineData("dGVzdAB0ZXN0AHRlc3Q=\r\n", "dGVzdAB0ZXN0AHRlc3Q=")]
    [InlineData("*\r\n", "*")]
    [InlineData("\r\n", "")]
    public void Sasl_responses_are_read_as_lines_not_commands(string line, string expected)
    {
        var result = Assert.Single(ReceiverFeed.FeedAllWays(line, sasl: true));
        Assert.Equal(expected, Assert.IsType<SaslResponseInput>(result).Response);
    }

    [Theory]
    [InlineData("QUI\r\n")]
    [InlineData("abc\r\n")]
    [InlineData("a b=\r\n")]
    public void Bad_sasl_response_is_a_syntax_error(string line)
    {
        var result = Assert.Single(ReceiverFeed.FeedAllWays(line, sasl: true));
        Assert.Equal("-ERR syntax error", ReceiverFeed.ErrorText(result));
    }
}
