using System.Text;
using Mail.Host.Load;
using Xunit;

namespace Mail.Host.Tests.Load;

/// Replies are read the same whether they arrive whole or one byte per TCP read.
public sealed class ReplyReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// A stream that hands out at most one byte per read, like the worst network.
    private sealed class Trickle(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], ct);
    }

    private static ReplyReader Reader(string text, bool trickle) =>
        new(trickle ? new Trickle(Encoding.ASCII.GetBytes(text)) : new MemoryStream(Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Multiline_replies_give_their_code_and_every_line(bool trickle)
    {
        var reader = Reader("220 mx ESMTP\r\n250-mx.test\r\n250-PIPELINING\r\n250 SIZE 1000\r\n451 4.3.0 try later\r\n", trickle);
        Assert.Equal(220, await reader.ReadSmtpReplyAsync(Ct));
        var lines = new List<string>();
        Assert.Equal(250, await reader.ReadSmtpReplyAsync(Ct, l => lines.Add(Encoding.ASCII.GetString(l.Span))));
        Assert.Equal(["mx.test", "PIPELINING", "SIZE 1000"], lines);
        Assert.Equal(451, await reader.ReadSmtpReplyAsync(Ct));
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadSmtpReplyAsync(Ct));
    }

    [Theory]
    [InlineData("hello\r\n")]
    [InlineData("25\r\n")]
    [InlineData("250+odd\r\n")]
    [InlineData("999 no\r\n")]
    public async Task Garbage_is_a_protocol_error(string reply) =>
        await Assert.ThrowsAsync<IOException>(async () => await Reader(reply, false).ReadSmtpReplyAsync(Ct));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Literals_are_skipped_and_bare_newlines_end_lines(bool trickle)
    {
        var reader = Reader("* 1 FETCH (BODY[] {5}\r\nab\r\nc)\nA1 OK done\r\n", trickle);
        var first = Encoding.ASCII.GetString((await reader.ReadLineAsync(Ct)).Span);
        Assert.Equal(5, ImapVisit.LiteralSize(Encoding.ASCII.GetBytes(first)));
        await reader.SkipAsync(5, Ct);
        Assert.Equal(")", Encoding.ASCII.GetString((await reader.ReadLineAsync(Ct)).Span));
        Assert.Equal("A1 OK done", Encoding.ASCII.GetString((await reader.ReadLineAsync(Ct)).Span));
    }

    [Fact]
    public async Task Lines_longer_than_the_buffer_grow_it()
    {
        var longLine = new string('x', 100_000);
        Assert.Equal(longLine.Length, (await Reader(longLine + "\r\n", false).ReadLineAsync(Ct)).Length);
    }

    [Theory]
    [InlineData("* 1 FETCH (UID 7 BODY[] {1234}", 1234L)]
    [InlineData("a1 LOGIN {3+}", 3L)]
    [InlineData("* OK {x}", null)]
    [InlineData("* 3 EXISTS", null)]
    public void Literal_sizes(string line, long? size) => Assert.Equal(size, ImapVisit.LiteralSize(Encoding.ASCII.GetBytes(line)));

    [Theory]
    [InlineData("* 12 EXISTS", 12)]
    [InlineData("* 0 EXISTS", 0)]
    [InlineData("* 3 RECENT", null)]
    [InlineData("* x EXISTS", null)]
    public void Exists_counts(string line, int? count) => Assert.Equal(count, ImapVisit.Exists(Encoding.ASCII.GetBytes(line)));
}
