using Mail.Protocols.Imap;
using Xunit;
using static Mail.Protocols.Tests.Imap.Parsing.ImapFeed;

namespace Mail.Protocols.Tests.Imap.Parsing;

/// <summary>Lines that are not commands: SASL responses during AUTHENTICATE and the DONE that ends IDLE.</summary>
public sealed class ContinuationLineTests
{
    private delegate ImapInput LineReader(ImapReceiver receiver, ReadOnlySpan<byte> input, out int consumed);

    // Fed whole and byte by byte through a fresh receiver; both must give the same results.
    private static List<ImapInput> Lines(string wire, LineReader read, int maxLine = 8192)
    {
        List<ImapInput> Run(int chunk)
        {
            var receiver = new ImapReceiver(maxLine);
            var pending = new List<byte>();
            var results = new List<ImapInput>();
            foreach (var piece in Bytes(wire).Chunk(chunk))
            {
                pending.AddRange(piece);
                while (true)
                {
                    var result = read(receiver, pending.ToArray(), out var consumed);
                    pending.RemoveRange(0, consumed);
                    if (result is NeedMoreData)
                        break;
                    results.Add(result);
                }
            }
            return results;
        }
        var whole = Run(Math.Max(1, wire.Length));
        Assert.Equal(Describe(whole), Describe(Run(1)));
        return whole;
    }

    private static List<ImapInput> Sasl(string wire, int maxLine = 8192) =>
        Lines(wire, (ImapReceiver r, ReadOnlySpan<byte> i, out int c) => r.ReadSaslResponse(i, out c), maxLine);

    private static List<ImapInput> Idle(string wire) =>
        Lines(wire, (ImapReceiver r, ReadOnlySpan<byte> i, out int c) => r.ReadIdleDone(i, out c));

    [Theory]
    [InlineData("dGVzdAB0ZXN0AHRlc3Q=\r\n", "dGVzdAB0ZXN0AHRlc3Q=")]
    [InlineData("AGZyZWQAc2VjcmV0\r\n", "AGZyZWQAc2VjcmV0")]
    [InlineData("*\r\n", "*")]
    [InlineData("\r\n", "")]
    [InlineData("YQ==\n", "YQ==")]
    public void Sasl_responses_are_base64_or_a_cancel(string wire, string response)
    {
        Assert.Equal(new SaslResponseInput(response), Assert.Single(Sasl(wire)));
    }

    [Theory]
    [InlineData("dGVzdA\r\n")]
    [InlineData("dGV zdA==\r\n")]
    [InlineData("a1 LOGOUT\r\n")]
    [InlineData("**\r\n")]
    [InlineData("YQ=a\r\n")]
    public void Anything_else_in_a_sasl_exchange_is_an_error(string wire)
    {
        Assert.Equal(new ErrorInput(null, "Invalid base64 in SASL response"), Assert.Single(Sasl(wire)));
    }

    [Fact]
    public void An_overlong_sasl_line_is_refused_once()
    {
        var results = Sasl(new string('A', 400) + "\r\n*\r\n", maxLine: 64);
        Assert.Equal([new ErrorInput(null, ImapReceiver.LineTooLong), new SaslResponseInput("*")], results);
    }

    [Theory]
    [InlineData("DONE\r\n")]
    [InlineData("done\n")]
    [InlineData("Done\r\n")]
    public void Done_ends_idle_in_any_case(string wire) => Assert.Same(IdleDone.Instance, Assert.Single(Idle(wire)));

    [Theory]
    [InlineData("DONE \r\n")]
    [InlineData("a1 NOOP\r\n")]
    [InlineData("\r\n")]
    public void Anything_but_done_during_idle_is_an_error(string wire) =>
        Assert.Equal(new ErrorInput(null, "Expected DONE"), Assert.Single(Idle(wire)));

    // The session switches the reader per line on one receiver and one buffer, as the pump does.
    [Fact]
    public void Commands_sasl_lines_and_done_share_one_receiver_and_buffer()
    {
        var receiver = new ImapReceiver();
        ReadOnlySpan<byte> wire = Bytes("a AUTHENTICATE PLAIN\r\nAGZyZWQAc2VjcmV0\r\nb IDLE\r\nDONE\r\nc NOOP\r\n");
        Assert.Equal("AUTHENTICATE", Assert.IsType<CommandInput>(receiver.Read(wire, out var n)).Command.Request.Verb);
        wire = wire[n..];
        Assert.Equal(new SaslResponseInput("AGZyZWQAc2VjcmV0"), receiver.ReadSaslResponse(wire, out n));
        wire = wire[n..];
        Assert.IsType<IdleRequest>(Assert.IsType<CommandInput>(receiver.Read(wire, out n)).Command.Request);
        wire = wire[n..];
        Assert.Same(IdleDone.Instance, receiver.ReadIdleDone(wire, out n));
        wire = wire[n..];
        Assert.IsType<NoopRequest>(Assert.IsType<CommandInput>(receiver.Read(wire, out n)).Command.Request);
        Assert.Equal(wire.Length, n);
    }
}
