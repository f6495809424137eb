using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Mail.Protocols.Smtp;
using Xunit;
using static Mail.Protocols.Tests.Smtp.ReceiverDriver;

namespace Mail.Protocols.Tests.Smtp;

/// <summary>
/// Property tests of <see cref="SmtpReceiver"/> (FsCheck): random and adversarial byte streams,
/// valid commands interleaved with garbage, cut at random places. The driver asserts progress
/// on every Read (consumed within the input; nothing consumed only for NeedMoreData or a
/// ChunkEnd; a guard against loops); the properties add "never throws" and "any cutting reads
/// like the whole", plus exact round trips for DATA and BDAT.
/// </summary>
public sealed class SmtpReceiverProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(150);

    private static readonly string[] Words =
    [
        "EHLO client.example\r\n", "HELO x\r\n", "MAIL FROM:<a@b.example>\r\n", "MAIL FROM:<jösé@exämple.org> SMTPUTF8\r\n",
        "RCPT TO:<c@d.example>\r\n", "RCPT TO:<u%v@w.example>\r\n", "DATA\r\n", "RSET\r\n", "NOOP\r\n", "QUIT\r\n",
        "VRFY x\r\n", "EXPN x\r\n", "STARTTLS\r\n", "AUTH PLAIN =\r\n", "BDAT 0 LAST\r\n", "BDAT x\r\n",
        ".\r\n", "..\r\n", "\r\n.\r\n", "\n.\n", "\r.\r", "\n.\r\n", "\r\n.\n", ".", "\r", "\n", "\r\n", "\0",
        "\u00ff\u00fe", "\u00c3(", "x", " ", "MAIL", "QUIT\n",
    ];

    // One piece of a stream: a known word, a BDAT with a random size, random bytes or a huge line.
    private static readonly Gen<byte[]> Piece = Gen.Frequency(
        (6, Gen.Elements(Words).Select(w => Encoding.Latin1.GetBytes(w))),
        (2, from size in Gen.Frequency((5, Gen.Choose(0, 40)), (1, Gen.Choose(41, 5000)))
            from last in Gen.Elements(true, false)
            select Bytes($"BDAT {size}{(last ? " LAST" : "")}\r\n")),
        (3, Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()),
        (1, from length in Gen.Choose(2000, 4200)
            from filler in Gen.Elements((byte)'x', (byte)0, (byte)'\r', (byte)'.')
            select Enumerable.Repeat(filler, length).ToArray()));

    private static readonly Gen<byte[]> Stream = Piece.ListOf().Select(pieces => pieces.SelectMany(p => p).ToArray());

    // Where to cut: piece lengths, mostly small so that every state gets split.
    private static readonly Gen<int[]> Cuts = Gen.Frequency((3, Gen.Choose(1, 8)), (1, Gen.Choose(9, 3000))).NonEmptyListOf()
        .Select(l => l.ToArray());

    private static readonly Gen<BareLinefeedPolicy> Policy = Gen.Elements(Enum.GetValues<BareLinefeedPolicy>());

    // The same decision for a BDAT whatever the cutting, so results compare.
    private static bool Accept(Bdat bdat) => bdat.Size % 3 != 1;

    [Fact]
    public void Any_cutting_reads_like_the_whole() =>
        Check.One(Runs, Prop.ForAll(
            (from stream in Stream from cuts in Cuts from policy in Policy select (stream, cuts, policy)).ToArbitrary(),
            t =>
            {
                var whole = Describe(Feed([t.stream], policy: t.policy, acceptChunk: Accept));
                var cut = Describe(Feed(Cut(t.stream, t.cuts), policy: t.policy, acceptChunk: Accept));
                Assert.Equal(whole, cut);
            }));

    [Fact]
    public void Byte_by_byte_reads_like_the_whole() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(
            (from stream in Stream.Where(s => s.Length < 12_000) from policy in Policy select (stream, policy)).ToArbitrary(),
            t => Assert.Equal(
                Describe(Feed([t.stream], policy: t.policy, acceptChunk: Accept)),
                Describe(Feed(t.stream.Chunk(1), policy: t.policy, acceptChunk: Accept)))));

    [Fact]
    public void Accepted_chunks_carry_exactly_their_octets() =>
        Check.One(Runs, Prop.ForAll(
            (from stream in Stream from cuts in Cuts select (stream, cuts)).ToArbitrary(),
            t =>
            {
                var results = Feed(Cut(t.stream, t.cuts), acceptChunk: Accept);
                for (var i = 0; i < results.Count; i++)
                {
                    if (results[i] is not CommandInput { Command: Bdat bdat })
                    {
                        continue;
                    }

                    // Chunks are merged by the driver: one DataChunk at most, then the end.
                    var next = i + 1 < results.Count ? results[i + 1] : null;
                    var octets = next is DataChunk d ? d.Bytes.Length : 0;
                    var end = next is DataChunk ? (i + 2 < results.Count ? results[i + 2] : null) : next;
                    if (end is null)
                    {
                        continue; // the stream stopped inside the chunk
                    }

                    Assert.Equal(Accept(bdat) ? bdat.Size : 0, octets);
                    Assert.Equal(new ChunkEnd(bdat.Size, bdat.Last, Accept(bdat)), end);
                }
            }));

    // Whatever the body, dot-stuffed as a client must, it comes back unchanged (bare LFs as
    // CRLF under Normalize), and nothing in it is ever read as a command.
    [Fact]
    public void Data_round_trips_and_nothing_inside_is_a_command() =>
        Check.One(Runs, Prop.ForAll(
            (from body in Stream from cuts in Cuts from policy in Policy select (body, cuts, policy)).ToArbitrary(),
            t =>
            {
                var expected = t.body.Length == 0 || EndsWithCrLf(t.body) ? t.body : [.. t.body, (byte)'\r', (byte)'\n'];
                var wire = Bytes("DATA\r\n").Concat(Stuff(expected)).Concat(Bytes(".\r\nQUIT\r\n")).ToArray();
                var results = Feed(Cut(wire, t.cuts), policy: t.policy);
                var stored = t.policy == BareLinefeedPolicy.Normalize ? BareLfAsCrLf(expected) : expected;
                var sawBareLf = !BareLfAsCrLf(expected).SequenceEqual(expected);
                SmtpInput end = t.policy == BareLinefeedPolicy.Reject && sawBareLf ? BareLinefeedInput.Instance : DataEnd.Instance;
                List<SmtpInput> want = stored.Length == 0
                    ? [new CommandInput(Data.Instance), end, new CommandInput(Quit.Instance)]
                    : [new CommandInput(Data.Instance), new DataChunk(stored), end, new CommandInput(Quit.Instance)];
                Assert.Equal(Describe(want), Describe(results));
            }));

    private static IEnumerable<byte[]> Cut(byte[] stream, int[] cuts)
    {
        var at = 0;
        for (var i = 0; at < stream.Length; i++)
        {
            var length = Math.Min(cuts[i % cuts.Length], stream.Length - at);
            yield return stream[at..(at + length)];
            at += length;
        }
    }

    private static bool EndsWithCrLf(byte[] b) => b.Length >= 2 && b[^2] == '\r' && b[^1] == '\n';

    // RFC 5321 4.5.2: a line (after CRLF, or the first) that starts with "." gets one more.
    private static byte[] Stuff(byte[] body)
    {
        var output = new List<byte>(body.Length + 8);
        for (var i = 0; i < body.Length; i++)
        {
            var lineStart = i == 0 || (i >= 2 && body[i - 2] == '\r' && body[i - 1] == '\n');
            if (lineStart && body[i] == '.')
            {
                output.Add((byte)'.');
            }

            output.Add(body[i]);
        }

        return [.. output];
    }

    private static byte[] BareLfAsCrLf(byte[] body)
    {
        var output = new List<byte>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\n' && (i == 0 || body[i - 1] != '\r'))
            {
                output.Add((byte)'\r');
            }

            output.Add(body[i]);
        }

        return [.. output];
    }
}
