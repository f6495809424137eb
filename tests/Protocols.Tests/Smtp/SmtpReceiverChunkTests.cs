using Mail.Protocols.Smtp;
using Xunit;
using static Mail.Protocols.Tests.Smtp.ReceiverDriver;

namespace Mail.Protocols.Tests.Smtp;

/// <summary>BDAT (RFC 3030): counted octets, no dot-stuffing, no terminator; each input fed all ways.</summary>
public sealed class SmtpReceiverChunkTests
{
    private const string QuitCommand = "command:Quit { Verb = QUIT }";

    private static string Bdat(long size, bool last = false) => $"command:{new Bdat(size, last)}";

    private static string End(long size, bool last = false, bool accepted = true) => new ChunkEnd(size, last, accepted).ToString();

    [Fact]
    public void One_last_chunk_then_a_command() =>
        Assert.Equal(
            [Bdat(5, true), "data:hello", End(5, true), QuitCommand],
            Describe(FeedAllWays("BDAT 5 LAST\r\nhelloQUIT\r\n")));

    [Fact]
    public void Zero_octets_last_is_valid() =>
        Assert.Equal([Bdat(0, true), End(0, true), QuitCommand], Describe(FeedAllWays("BDAT 0 LAST\r\nQUIT\r\n")));

    [Fact]
    public void Zero_octets_at_the_end_of_the_input_still_ends_the_chunk() =>
        Assert.Equal([Bdat(0, true), End(0, true)], Describe(FeedAllWays("BDAT 0 LAST\r\n")));

    [Fact]
    public void Several_chunks_are_raw_bytes_without_dot_stuffing_or_terminator() =>
        Assert.Equal(
            [Bdat(6), "data:a\r\n..b", End(6), Bdat(7, true), "data:\r\n.\r\nx\n", End(7, true), QuitCommand],
            Describe(FeedAllWays("BDAT 6\r\na\r\n..bBDAT 7 LAST\r\n\r\n.\r\nx\nQUIT\r\n")));

    [Fact]
    public void Commands_inside_a_chunk_are_data() =>
        Assert.Equal(
            [Bdat(18, true), "data:RSET\r\nQUIT\r\nDATA\r\n", End(18, true), QuitCommand],
            Describe(FeedAllWays("BDAT 18 LAST\r\nRSET\r\nQUIT\r\nDATA\r\nQUIT\r\n")));

    [Theory]
    [InlineData(BareLinefeedPolicy.Allow)]
    [InlineData(BareLinefeedPolicy.Normalize)]
    [InlineData(BareLinefeedPolicy.Reject)]
    public void Line_ending_policy_does_not_touch_chunks(BareLinefeedPolicy policy) =>
        Assert.Equal(
            [Bdat(8, true), "data:a\nb\r\0\xff\n.", End(8, true), QuitCommand],
            Describe(FeedAllWays("BDAT 8 LAST\r\na\nb\r\0\xff\n.QUIT\r\n", policy: policy)));

    [Fact]
    public void A_refused_chunk_is_skipped_and_still_ends() =>
        Assert.Equal(
            [Bdat(12), End(12, accepted: false), Bdat(3, true), End(3, true, accepted: false), QuitCommand],
            Describe(FeedAllWays("BDAT 12\r\nQUIT\r\nRSET\r\nBDAT 3 LAST\r\nabcQUIT\r\n", acceptChunk: _ => false)));

    [Theory]
    [InlineData("BDAT -5\r\nQUIT\r\n", "error:501 5.5.4 Syntax: BDAT chunk-size [LAST]")]
    [InlineData("BDAT 99999999999999999999\r\nQUIT\r\n", "error:501 5.5.4 Syntax: BDAT chunk-size [LAST]")]
    [InlineData("BDAT\r\nQUIT\r\n", "error:501 5.5.4 Syntax: BDAT chunk-size [LAST]")]
    public void Without_a_valid_size_there_is_no_chunk(string input, string error) =>
        Assert.Equal([error, QuitCommand], Describe(FeedAllWays(input)));

    // RFC 3030 2: the announced octets follow whatever the server thinks of the line, so a
    // BDAT refused for a bad parameter still has them skipped; its error comes after them.
    [Theory]
    [InlineData("BDAT 12 FIRST\r\nRSET\r\nQUIT\r\nNOOP\r\n")]
    [InlineData("bdat 12 LAST x=y\r\nRSET\r\nQUIT\r\nNOOP\r\n")]
    public void A_bdat_refused_for_its_syntax_still_has_its_octets_skipped(string input) =>
        Assert.Equal(
            ["error:501 5.5.4 Syntax: BDAT chunk-size [LAST]", "command:Noop { Verb = NOOP }"],
            Describe(FeedAllWays(input)));

    [Fact]
    public void A_bdat_refused_for_its_syntax_names_its_verb()
    {
        var results = Feed([Bytes("BDAT 3 NOW\r\nabc")]);
        Assert.Equal(new ErrorInput(SmtpReply.Usage("BDAT chunk-size [LAST]"), "BDAT"), Assert.Single(results));
    }

    [Fact]
    public void A_huge_chunk_is_read_piece_by_piece()
    {
        var receiver = new SmtpReceiver();
        Assert.Equal(new CommandInput(new Bdat(long.MaxValue, false)), receiver.Read("BDAT 9223372036854775807\r\n"u8, out _));
        receiver.AcceptChunk();
        var piece = new byte[70_000];
        for (var i = 0; i < 3; i++)
        {
            var chunk = Assert.IsType<DataChunk>(receiver.Read(piece, out var consumed));
            Assert.Equal(piece.Length, consumed);
            Assert.Equal(piece.Length, chunk.Bytes.Length);
            Assert.True(receiver.InChunk);
        }

        Assert.Same(NeedMoreData.Instance, receiver.Read([], out var none));
        Assert.Equal(0, none);
    }

    [Fact]
    public void Chunk_end_comes_after_the_last_octet_without_consuming_anything()
    {
        var receiver = new SmtpReceiver();
        var input = "BDAT 3\r\nabcNOOP\r\n"u8;
        Assert.IsType<CommandInput>(receiver.Read(input, out var consumed));
        Assert.Equal(8, consumed);
        receiver.AcceptChunk();
        input = input[consumed..];
        Assert.Equal("abc", Text(Assert.IsType<DataChunk>(receiver.Read(input, out consumed))));
        Assert.Equal(3, consumed);
        Assert.Equal(new ChunkEnd(3, false, true), receiver.Read(input[consumed..], out var endConsumed));
        Assert.Equal(0, endConsumed);
        Assert.False(receiver.InChunk);
        Assert.Equal(new CommandInput(Noop.Instance), receiver.Read(input[consumed..], out _));
    }

    [Fact]
    public void A_skipped_chunk_ends_in_the_read_that_consumes_its_last_octet()
    {
        var receiver = new SmtpReceiver();
        Assert.IsType<CommandInput>(receiver.Read("BDAT 4 LAST\r\n"u8, out _));
        Assert.True(receiver.InChunk);
        Assert.Same(NeedMoreData.Instance, receiver.Read("ab"u8, out var consumed));
        Assert.Equal(2, consumed);
        Assert.Equal(new ChunkEnd(4, true, false), receiver.Read("cdQUIT\r\n"u8, out consumed));
        Assert.Equal(2, consumed);
    }

    [Fact]
    public void Misuse_is_a_bug()
    {
        var receiver = new SmtpReceiver();
        Assert.Throws<InvalidOperationException>(receiver.AcceptChunk);
        receiver.Read("BDAT 2\r\n"u8, out _);
        Assert.Throws<InvalidOperationException>(receiver.BeginData);
        receiver.AcceptChunk();
        Assert.Throws<InvalidOperationException>(receiver.AcceptChunk);
        receiver.Reset();
        Assert.False(receiver.InChunk);
        Assert.Equal(new CommandInput(Quit.Instance), receiver.Read("QUIT\r\n"u8, out _));
    }

    [Fact]
    public void Chunk_then_data_in_one_stream()
    {
        // The receiver does not judge sequence (the session answers DATA after BDAT with 503),
        // it only keeps framing straight.
        Assert.Equal(
            [Bdat(2), "data:ab", End(2), "command:Data { Verb = DATA }", "data:x\r\n", "DataEnd { }"],
            Describe(FeedAllWays("BDAT 2\r\nabDATA\r\nx\r\n.\r\n")));
    }
}
