using System.Text;
using Mail.Protocols.Smtp;
using Xunit;
using static Mail.Protocols.Tests.Smtp.ReceiverDriver;

namespace Mail.Protocols.Tests.Smtp;

public sealed class SmtpReceiverDataTests
{
    private const string DataCommand = "command:Data { Verb = DATA }";
    private const string QuitCommand = "command:Quit { Verb = QUIT }";
    private const string End = "DataEnd { }";

    [Fact]
    public void Message_then_pipelined_quit()
    {
        var results = FeedAllWays("DATA\r\nSubject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n");
        Assert.Equal([DataCommand, "data:Subject: hi\r\n\r\nbody\r\n", End, QuitCommand], Describe(results));
    }

    [Fact]
    public void Terminator_right_away_is_an_empty_message() =>
        Assert.Equal([DataCommand, End, QuitCommand], Describe(FeedAllWays("DATA\r\n.\r\nQUIT\r\n")));

    [Theory]
    [InlineData("..\r\n.\r\n", ".\r\n")]
    [InlineData("..leading dot\r\n.\r\n", ".leading dot\r\n")]
    [InlineData("...\r\n.\r\n", "..\r\n")]
    [InlineData("a\r\n..\r\nb\r\n.\r\n", "a\r\n.\r\nb\r\n")]
    [InlineData("a.b\r\n.\r\n", "a.b\r\n")] // only a leading dot is stuffing
    [InlineData("\r\n\r\n.\r\n", "\r\n\r\n")]
    public void Dot_stuffing_is_removed(string body, string message) =>
        Assert.Equal([DataCommand, "data:" + message, End], Describe(FeedAllWays("DATA\r\n" + body)));

    // Each body is fed under every policy: the message ends in the same place, only the stored
    // bytes (Normalize: bare LF as CRLF) or the verdict (Reject) differ.
    [Theory]
    [InlineData("a\n.\nb\r\n.\r\n", "a\n.\nb\r\n")]            // <LF>.<LF>
    [InlineData("a\n.\r\nb\r\n.\r\n", "a\n.\r\nb\r\n")]        // <LF>.<CRLF>: the CVE-2023-51764 form
    [InlineData("a\r\n.\nb\r\n.\r\n", "a\r\n\nb\r\n")]         // <CRLF>.<LF>: a stuffed line, dot dropped
    [InlineData("a\r.\r\nb\r\n.\r\n", "a\r.\r\nb\r\n")]        // <CR>.<CRLF>
    [InlineData("a\r.\rb\r\n.\r\n", "a\r.\rb\r\n")]            // <CR>.<CR>
    [InlineData("a\r\n.\rX\r\n.\r\n", "a\r\n\rX\r\n")]         // <CRLF>.<CR>X: stuffed, bare CR kept
    [InlineData("a\r\n.\r\r\n.\r\n", "a\r\n\r\r\n")]           // <CRLF>.<CR><CRLF>
    [InlineData("\n.\n\r\n.\r\n", "\n.\n\r\n")]                // bare LF at the very start
    [InlineData(".\n\r\n.\r\n", "\n\r\n")]                      // ".<LF>" at the very start: stuffed
    [InlineData("\n.\r\n.\r\n", "\n.\r\n")]                     // <LF>.<CRLF> at the very start
    [InlineData("\r.\r\r\n.\r\n", "\r.\r\r\n")]                // <CR>.<CR> at the very start
    [InlineData("a\r\n\n.\n\r\n.\r\n", "a\r\n\n.\n\r\n")]      // <CRLF><LF>.<LF>
    public void Only_crlf_dot_crlf_ends_the_message(string body, string message)
    {
        Assert.Equal([DataCommand, "data:" + message, End], Describe(FeedAllWays("DATA\r\n" + body, policy: BareLinefeedPolicy.Allow)));
        Assert.Equal(
            [DataCommand, "data:" + BareLfAsCrLf(message), End],
            Describe(FeedAllWays("DATA\r\n" + body, policy: BareLinefeedPolicy.Normalize)));
        var rejected = Describe(FeedAllWays("DATA\r\n" + body, policy: BareLinefeedPolicy.Reject));
        Assert.Equal([DataCommand, "data:" + message, HasBareLf(body) ? Refused : End], rejected);
    }

    [Theory]
    [InlineData(BareLinefeedPolicy.Allow)]
    [InlineData(BareLinefeedPolicy.Normalize)]
    [InlineData(BareLinefeedPolicy.Reject)]
    public void Smuggled_commands_stay_inside_the_message(BareLinefeedPolicy policy)
    {
        const string smuggled = "a\n.\r\nMAIL FROM:<evil@x.example>\r\nRCPT TO:<v@y.example>\r\nDATA\r\nevil\r\n.\r\n";
        var results = Describe(FeedAllWays("DATA\r\n" + smuggled + "QUIT\r\n", policy: policy));
        var stored = policy == BareLinefeedPolicy.Normalize ? BareLfAsCrLf(smuggled[..^3]) : smuggled[..^3];
        Assert.Equal([DataCommand, "data:" + stored, policy == BareLinefeedPolicy.Reject ? Refused : End, QuitCommand], results);
    }

    [Fact]
    public void Bare_cr_and_lf_pass_through_unchanged_when_allowed() =>
        Assert.Equal(
            [DataCommand, "data:x\ry\nz\r\r\n\n\r\n", End],
            Describe(FeedAllWays("DATA\r\nx\ry\nz\r\r\n\n\r\n.\r\n", policy: BareLinefeedPolicy.Allow)));

    [Fact]
    public void Normalize_stores_bare_lf_as_crlf_and_leaves_bare_cr() =>
        Assert.Equal(
            [DataCommand, "data:x\ry\r\nz\r\r\n\r\n\r\n", End],
            Describe(FeedAllWays("DATA\r\nx\ry\nz\r\r\n\n\r\n.\r\n", policy: BareLinefeedPolicy.Normalize)));

    [Fact]
    public void Reject_reads_to_the_end_then_refuses_and_the_next_message_is_judged_afresh() =>
        Assert.Equal(
            [DataCommand, "data:x\ny\r\n", Refused, DataCommand, "data:ok\r\n", End, QuitCommand],
            Describe(FeedAllWays("DATA\r\nx\ny\r\n.\r\nDATA\r\nok\r\n.\r\nQUIT\r\n", policy: BareLinefeedPolicy.Reject)));

    [Theory]
    [InlineData(BareLinefeedPolicy.Allow, QuitCommand)]
    [InlineData(BareLinefeedPolicy.Normalize, QuitCommand)]
    [InlineData(BareLinefeedPolicy.Reject, Refused)]
    public void Command_line_ending_in_bare_lf(BareLinefeedPolicy policy, string expected) =>
        Assert.Equal([expected, QuitCommand], Describe(FeedAllWays("QUIT\nQUIT\r\n", policy: policy)));

    // Found by SmtpReceiverProperties: cut before its LF the line was "too long", whole it was "bare LF".
    [Fact]
    public void Too_long_beats_bare_lf_however_the_line_is_cut() =>
        Assert.Equal(
            ["error:500 5.5.2 Line too long", QuitCommand],
            Describe(FeedAllWays(new string('x', 40) + "\nQUIT\r\n", maxLine: 32, policy: BareLinefeedPolicy.Reject)));

    [Fact]
    public void No_terminator_means_no_end()
    {
        // ".<LF>" is a stuffed line start; the second "." follows a bare LF, so it is data.
        var results = Describe(FeedAllWays("DATA\r\nline\r\n.\n.\r", policy: BareLinefeedPolicy.Allow));
        Assert.Equal([DataCommand, "data:line\r\n\n.\r"], results);
    }

    [Theory]
    [InlineData("\n.\n")]
    [InlineData("\r.\r")]
    [InlineData("\n.\r\n")]
    [InlineData("\r\n.\n")]
    [InlineData("\r.\n")]
    [InlineData("\n.\r")]
    public void Lookalike_terminators_never_end_data(string lookalike)
    {
        foreach (var policy in Enum.GetValues<BareLinefeedPolicy>())
        {
            var results = FeedAllWays("DATA\r\nx" + lookalike + "QUIT\r\n", policy: policy);
            Assert.Equal(2, results.Count);
            Assert.IsType<DataChunk>(results[1]);
        }
    }

    private const string Refused = "BareLinefeedInput { }";

    private static string BareLfAsCrLf(string text) => System.Text.RegularExpressions.Regex.Replace(text, "(?<!\r)\n", "\r\n");

    private static bool HasBareLf(string body) => System.Text.RegularExpressions.Regex.IsMatch(body[..^3], "(?<!\r)\n");

    [Fact]
    public void Terminator_split_at_every_position()
    {
        var input = Bytes("DATA\r\nhello\r\n.\r\nQUIT\r\n");
        for (var first = 1; first < input.Length; first++)
        {
            for (var second = first + 1; second < input.Length; second++)
            {
                var results = Feed([input[..first], input[first..second], input[second..]]);
                Assert.Equal([DataCommand, "data:hello\r\n", End, QuitCommand], Describe(results));
            }
        }
    }

    [Fact]
    public void Command_line_limit_does_not_apply_to_data()
    {
        var line = new string('x', 1_000); // far beyond maxLine; FeedAllWays is quadratic, keep it short
        Assert.Equal([DataCommand, $"data:{line}\r\n", End], Describe(FeedAllWays($"DATA\r\n{line}\r\n.\r\n", maxLine: 32)));
    }

    [Fact]
    public void Second_transaction_starts_at_a_line_start_again() =>
        Assert.Equal(
            [DataCommand, "data:one\r\n", End, DataCommand, "data:.two\r\n", End],
            Describe(FeedAllWays("DATA\r\none\r\n.\r\nDATA\r\n..two\r\n.\r\n")));
}
