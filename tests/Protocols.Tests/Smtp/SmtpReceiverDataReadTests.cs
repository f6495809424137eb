using System.Text;
using Mail.Protocols.Smtp;
using Xunit;
using static Mail.Protocols.Tests.Smtp.ReceiverDriver;

namespace Mail.Protocols.Tests.Smtp;

/// <summary>DATA mode seen through single Read calls: what is consumed, held back and returned.</summary>
public sealed class SmtpReceiverDataReadTests
{
    private const string DataCommand = "command:Data { Verb = DATA }";
    private const string QuitCommand = "command:Quit { Verb = QUIT }";
    private const string End = "DataEnd { }";

    [Fact]
    public void Data_before_the_terminator_comes_first_then_the_end()
    {
        var receiver = new SmtpReceiver();
        receiver.BeginData();
        var input = "abc\r\n.\r\nQUIT\r\n"u8;

        var chunk = Assert.IsType<DataChunk>(receiver.Read(input, out var consumed));
        Assert.Equal("abc\r\n", Text(chunk));
        Assert.Equal(5, consumed);
        Assert.True(receiver.InData);

        Assert.Same(DataEnd.Instance, receiver.Read(input[consumed..], out var more));
        Assert.Equal(3, more);
        Assert.False(receiver.InData);

        Assert.Equal(new CommandInput(Quit.Instance), receiver.Read(input[(consumed + more)..], out _));
    }

    [Fact]
    public void Partial_terminator_is_consumed_and_kept_inside()
    {
        var receiver = new SmtpReceiver();
        receiver.BeginData();
        Assert.Same(NeedMoreData.Instance, receiver.Read("."u8, out var consumed));
        Assert.Equal(1, consumed);
        Assert.Same(NeedMoreData.Instance, receiver.Read("\r"u8, out consumed));
        Assert.Equal(1, consumed);
        Assert.Same(DataEnd.Instance, receiver.Read("\n"u8, out consumed));
        Assert.Equal(1, consumed);
    }

    [Fact]
    public void Held_back_cr_is_released_when_no_lf_follows()
    {
        var receiver = new SmtpReceiver();
        receiver.BeginData();
        Assert.Same(NeedMoreData.Instance, receiver.Read(".\r"u8, out _));
        Assert.Equal("\rx", Text(Assert.IsType<DataChunk>(receiver.Read("x"u8, out var consumed))));
        Assert.Equal(1, consumed);
    }

    [Fact]
    public void Chunks_are_copies_the_caller_may_keep()
    {
        var receiver = new SmtpReceiver();
        receiver.BeginData();
        var input = Bytes("hello");
        var chunk = Assert.IsType<DataChunk>(receiver.Read(input, out _));
        input[0] = (byte)'J';
        Assert.Equal("hello", Text(chunk));
    }

    [Fact]
    public void Begin_data_twice_is_a_bug()
    {
        var receiver = new SmtpReceiver();
        receiver.BeginData();
        Assert.Throws<InvalidOperationException>(receiver.BeginData);
    }

    [Fact]
    public void Reset_returns_to_command_mode()
    {
        var receiver = new SmtpReceiver();
        receiver.BeginData();
        receiver.Reset();
        Assert.False(receiver.InData);
        Assert.Equal(new CommandInput(Quit.Instance), receiver.Read("QUIT\r\n"u8, out _));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(4096)]
    [InlineData(65536)]
    public void Large_body_in_many_chunks(int step)
    {
        var body = new StringBuilder();
        var expected = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            var line = i % 7 == 0 ? $".line {i} starts with a dot" : $"line {i} of the message";
            body.Append(line.StartsWith('.') ? "." + line : line).Append("\r\n");
            expected.Append(line).Append("\r\n");
        }

        var input = Bytes("DATA\r\n" + body + ".\r\nQUIT\r\n");
        var receiver = new SmtpReceiver();
        var chunks = 0;
        var message = new MemoryStream();
        var pending = new List<byte>();
        var results = new List<string>();
        foreach (var piece in input.Chunk(step))
        {
            pending.AddRange(piece);
            while (pending.Count > 0)
            {
                var result = receiver.Read(pending.ToArray(), out var consumed);
                pending.RemoveRange(0, consumed);
                if (result is NeedMoreData)
                {
                    break;
                }

                if (result is DataChunk chunk)
                {
                    chunks++;
                    message.Write(chunk.Bytes.Span);
                    continue;
                }

                results.Add(Describe(result));
                if (result is CommandInput { Command: Data })
                {
                    receiver.BeginData();
                }
            }
        }

        Assert.Equal([DataCommand, End, QuitCommand], results);
        Assert.Equal(expected.ToString(), Encoding.Latin1.GetString(message.ToArray()));
        Assert.True(chunks >= input.Length / step - 1, $"{chunks} chunks");
    }
}
