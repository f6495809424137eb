using System.Buffers;
using System.Text;
using Xunit;
using Mail.Protocols.Pop3;

namespace Mail.Protocols.Tests.Pop3;

public class DotStuffingTests
{
    public static TheoryData<string> TrickyMessages =>
    [
        "",
        "Subject: x\r\n\r\nbody\r\n",
        ".\r\n",
        "..\r\n",
        ".leading dot\r\n",
        "a\r\n.\r\nb\r\n",
        "a\r\n..\r\n.\r\n",
        "no final crlf",
        "ends with dot\r\n.",
        "bare\nlf\n.dot after lf\n",
        "bare lf at end\n",
        "crlf then bare lf\r\n\n",
        "cr\r.not a line start\r\n",
        "\r\n\r\n.\r\n\r\n",
        "\n.\r\n",
        "caf\u00e9 \u00fcber\r\n.\u00e9\r\n",
    ];

    [Theory]
    [MemberData(nameof(TrickyMessages))]
    public void Unstuffing_gives_back_the_message_plus_a_final_crlf_if_missing(string text)
    {
        var message = Encoding.UTF8.GetBytes(text);
        var expected = text.Length == 0 || text.EndsWith("\r\n", StringComparison.Ordinal) ? text : text + "\r\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(Unstuff(DotStuffing.Stuff(message))));
    }

    [Theory]
    [MemberData(nameof(TrickyMessages))]
    public void Streaming_in_any_chunk_size_gives_the_same_bytes(string text)
    {
        var message = Encoding.UTF8.GetBytes(text);
        var oneShot = DotStuffing.Stuff(message);
        foreach (var chunk in new[] { 1, 2, 3, 7 })
            Assert.Equal(oneShot, StuffInChunks(message, chunk, new DotStuffer()));
    }

    [Theory]
    [InlineData("", ".\r\n")]
    [InlineData("a\r\n", "a\r\n.\r\n")]
    [InlineData("a", "a\r\n.\r\n")]
    [InlineData(".a\r\n.\r\n", "..a\r\n..\r\n.\r\n")]
    [InlineData("x\r\n.\r\ny", "x\r\n..\r\ny\r\n.\r\n")]
    [InlineData("x\n.y\n", "x\n..y\n\r\n.\r\n")]
    [InlineData("x\r.y\r\n", "x\r.y\r\n.\r\n")]
    [InlineData("\r\n", "\r\n.\r\n")]
    public void Stuff_exact_output(string message, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(DotStuffing.Stuff(Encoding.UTF8.GetBytes(message))));

    private const string Message = "Subject: a\r\nFrom: b\r\n\r\nline1\r\n.line2\r\nline3\r\n";

    [Theory]
    [InlineData(Message, 0, "Subject: a\r\nFrom: b\r\n\r\n.\r\n")]
    [InlineData(Message, 1, "Subject: a\r\nFrom: b\r\n\r\nline1\r\n.\r\n")]
    [InlineData(Message, 2, "Subject: a\r\nFrom: b\r\n\r\nline1\r\n..line2\r\n.\r\n")]
    [InlineData(Message, 3, "Subject: a\r\nFrom: b\r\n\r\nline1\r\n..line2\r\nline3\r\n.\r\n")]
    [InlineData(Message, 100, "Subject: a\r\nFrom: b\r\n\r\nline1\r\n..line2\r\nline3\r\n.\r\n")]
    [InlineData("Subject: a\r\nFrom: b\r\n", 5, "Subject: a\r\nFrom: b\r\n.\r\n")]
    [InlineData("Subject: a\r\n\r\n", 5, "Subject: a\r\n\r\n.\r\n")]
    [InlineData("Subject: a\r\n\r\n", 0, "Subject: a\r\n\r\n.\r\n")]
    [InlineData("Subject: a\r\n\r\nbody", 1, "Subject: a\r\n\r\nbody\r\n.\r\n")]
    [InlineData("Subject: a\r\n\r\n\r\n\r\nb\r\n", 1, "Subject: a\r\n\r\n\r\n.\r\n")]
    [InlineData("\r\nbody only\r\nmore\r\n", 1, "\r\nbody only\r\n.\r\n")]
    [InlineData("H: v\n\nb1\nb2\n", 1, "H: v\n\nb1\n\r\n.\r\n")]
    [InlineData("H: v\r\n \r\nfolded\r\n\r\nb1\r\n", 0, "H: v\r\n \r\nfolded\r\n\r\n.\r\n")]
    [InlineData("", 3, ".\r\n")]
    public void Top_exact_output(string message, int lines, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        Assert.Equal(expected, Encoding.UTF8.GetString(DotStuffing.Top(bytes, lines)));
        Assert.Equal(expected, Encoding.UTF8.GetString(StuffInChunks(bytes, 1, new DotStuffer(lines))));
    }

    [Fact]
    public void Top_stuffer_says_when_it_has_enough_so_the_reader_can_stop()
    {
        var stuffer = new DotStuffer(bodyLines: 1);
        stuffer.Feed("H: v\r\n\r\n"u8);
        Assert.False(stuffer.IsSatisfied);
        Assert.Equal("b1\r\n", Encoding.ASCII.GetString(stuffer.Feed("b1\r\nb2"u8)));
        Assert.True(stuffer.IsSatisfied);
        Assert.Empty(stuffer.Feed("more\r\n"u8));
        Assert.Equal(".\r\n", Encoding.ASCII.GetString(stuffer.Complete()));
    }

    [Fact]
    public void Misuse_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DotStuffer(bodyLines: -1));
        var stuffer = new DotStuffer();
        stuffer.Complete();
        Assert.Throws<InvalidOperationException>(() => stuffer.Feed("x"u8));
        Assert.Throws<InvalidOperationException>(() => stuffer.Complete());
    }

    private static byte[] StuffInChunks(byte[] message, int chunkSize, DotStuffer stuffer)
    {
        var output = new ArrayBufferWriter<byte>();
        for (var i = 0; i < message.Length; i += chunkSize)
            stuffer.Feed(message.AsSpan(i, Math.Min(chunkSize, message.Length - i)), output);
        stuffer.Complete(output);
        return output.WrittenSpan.ToArray();
    }

    // A client's view: lines end at LF; ".\r\n" alone ends the reply; a leading "." is removed.
    private static byte[] Unstuff(byte[] stuffed)
    {
        var result = new List<byte>();
        var start = 0;
        while (true)
        {
            var lf = Array.IndexOf(stuffed, (byte)'\n', start);
            Assert.True(lf >= 0, "reply not terminated");
            var line = stuffed.AsSpan(start, lf + 1 - start);
            start = lf + 1;
            if (line.SequenceEqual(".\r\n"u8))
            {
                Assert.Equal(stuffed.Length, start);
                return [.. result];
            }
            result.AddRange(line[0] == (byte)'.' ? line[1..] : line);
        }
    }
}
