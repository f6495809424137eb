using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Mail.Protocols.Imap;
using Xunit;
using static Mail.Protocols.Tests.Imap.Parsing.ImapFeed;

namespace Mail.Protocols.Tests.Imap.Parsing;

/// <summary>
/// Property tests of <see cref="ImapReceiver"/> (FsCheck): random and adversarial byte streams
/// (commands, literal markers of every kind, garbage, overlong lines) cut at random places.
/// The feed asserts progress on every Read; the properties add "never throws", "any cutting reads
/// like the whole", and exact round trips of strings and literals through LOGIN and APPEND.
/// </summary>
public sealed class ImapReceiverProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(150);

    private static readonly string[] Words =
    [
        "a1 NOOP\r\n", "a2 LOGIN fred secret\r\n", "a3 LOGIN {4}\r\n", "a4 LOGIN {4+}\r\n", "fred", " {6}\r\n", " {6+}\r\n",
        "secret\r\n", "a5 APPEND INBOX {10}\r\n", "a6 APPEND INBOX (\\Seen) {12+}\r\n", "{999999999999}\r\n", "{70000+}\r\n",
        "a7 FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM)]<0.10>)\r\n", "a8 SEARCH OR (SEEN) NOT 1:5 SINCE 1-Jan-2020\r\n",
        "a9 UID STORE 1 +FLAGS.SILENT (\\Deleted)\r\n", "b LIST (SUBSCRIBED) \"\" * RETURN (STATUS (MESSAGES))\r\n",
        "c SEARCH CHARSET KOI8-R ALL\r\n", "\"", "\\", "(", ")", "[", "]", "{", "}", "+", "*", "{0}", "{1+}", "\r", "\n", "\r\n",
        "\0", "\u00ff", " ", "x", "DONE\r\n",
    ];

    private static readonly Gen<byte[]> Piece = Gen.Frequency(
        (6, Gen.Elements(Words).Select(w => Encoding.Latin1.GetBytes(w))),
        (2, from size in Gen.Frequency((5, Gen.Choose(0, 40)), (1, Gen.Choose(41, 20000)))
            from plus in Gen.Elements("", "+")
            from verb in Gen.Elements("APPEND x", "LOGIN", "SEARCH TEXT")
            select Bytes($"t {verb} {{{size}{plus}}}\r\n")),
        (3, Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()),
        (1, from length in Gen.Choose(200, 3000)
            from filler in Gen.Elements((byte)'x', (byte)0, (byte)'{', (byte)'\r')
            select Enumerable.Repeat(filler, length).ToArray()));

    private static readonly Gen<byte[]> Stream = Piece.ListOf().Select(pieces => pieces.SelectMany(p => p).ToArray());

    private static readonly Gen<int[]> Cuts = Gen.Frequency((3, Gen.Choose(1, 8)), (1, Gen.Choose(9, 3000))).NonEmptyListOf()
        .Select(l => l.ToArray());

    private static ImapReceiver Small() => new(maxLine: 1024, maxLiteral: 10_000);

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

    [Fact]
    public void Any_cutting_reads_like_the_whole() =>
        Check.One(Runs, Prop.ForAll(
            (from stream in Stream from cuts in Cuts select (stream, cuts)).ToArbitrary(),
            t => Assert.Equal(
                Describe(WithoutContinuations(Feed([t.stream], Small()))),
                Describe(WithoutContinuations(Feed(Cut(t.stream, t.cuts), Small()))))));

    [Fact]
    public void Byte_by_byte_reads_like_the_whole() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(
            Stream.Where(s => s.Length < 12_000).ToArbitrary(),
            stream => Assert.Equal(
                Describe(WithoutContinuations(Feed([stream], Small()))),
                Describe(WithoutContinuations(Feed(stream.Chunk(1), Small()))))));

    [Fact]
    public void Sasl_and_idle_lines_never_throw() =>
        Check.One(Runs, Prop.ForAll(Stream.ToArbitrary(), stream =>
        {
            var receiver = Small();
            var rest = stream.AsSpan();
            for (var sasl = true; ; sasl = !sasl)
            {
                var result = sasl ? receiver.ReadSaslResponse(rest, out var consumed) : receiver.ReadIdleDone(rest, out consumed);
                Assert.InRange(consumed, 0, rest.Length);
                rest = rest[consumed..];
                if (result is NeedMoreData)
                    break;
            }
        }));

    // Any string, sent quoted (when it can be) or as either kind of literal, comes back as sent.
    private static readonly Gen<string> Texts = Gen.Frequency(
            (4, Gen.Choose(0x20, 0x7e)), (1, Gen.Choose(1, 0x1f)), (1, Gen.Choose(0x80, 0x7ff)), (1, Gen.Choose(0x4e00, 0x9fff)))
        .ListOf().Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32)));

    private static byte[] AsString(string text, int form)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var quotable = !text.Any(c => c is '\r' or '\n' or '\0');
        return form == 0 && quotable
            ? [(byte)'"', .. Encoding.UTF8.GetBytes(text.Replace("\\", "\\\\").Replace("\"", "\\\"")), (byte)'"']
            : [.. Bytes(form == 1 ? $"{{{utf8.Length}}}\r\n" : $"{{{utf8.Length}+}}\r\n"), .. utf8];
    }

    [Fact]
    public void Strings_round_trip_through_login() =>
        Check.One(Runs, Prop.ForAll(
            (from user in Texts from password in Texts from f1 in Gen.Choose(0, 2) from f2 in Gen.Choose(0, 2)
             select (user, password, f1, f2)).ToArbitrary(),
            t =>
            {
                byte[] wire = [.. Bytes("L LOGIN "), .. AsString(t.user, t.f1), (byte)' ', .. AsString(t.password, t.f2), .. Bytes("\r\n")];
                var login = Assert.IsType<LoginRequest>(Assert.IsType<CommandInput>(Assert.Single(FeedAllWays(wire))).Command.Request);
                Assert.Equal((t.user, t.password), (login.User, login.Password));
            }));

    [Fact]
    public void Any_message_octets_round_trip_through_append() =>
        Check.One(Runs, Prop.ForAll(
            (from message in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()
             from plus in Gen.Elements("", "+")
             select (message, plus)).ToArbitrary(),
            t =>
            {
                byte[] wire = [.. Bytes($"A APPEND INBOX {{{t.message.Length}{t.plus}}}\r\n"), .. t.message, .. Bytes("\r\nB NOOP\r\n")];
                var results = FeedAllWays(wire);
                Assert.Equal(2, results.Count);
                Assert.Equal(t.message, Assert.IsType<AppendRequest>(Assert.IsType<CommandInput>(results[0]).Command.Request).Message);
            }));

    private static readonly string[] Verbs =
    [
        "CAPABILITY", "NOOP", "LOGOUT", "ID", "STARTTLS", "AUTHENTICATE", "LOGIN", "SELECT", "EXAMINE", "CREATE", "DELETE",
        "RENAME", "SUBSCRIBE", "UNSUBSCRIBE", "LIST", "LSUB", "STATUS", "APPEND", "NAMESPACE", "ENABLE", "IDLE", "GETQUOTA",
        "GETQUOTAROOT", "CHECK", "CLOSE", "UNSELECT", "EXPUNGE", "SEARCH", "FETCH", "STORE", "COPY", "MOVE", "UID FETCH",
        "UID SEARCH", "UID STORE", "UID COPY", "UID MOVE", "UID EXPUNGE",
    ];

    private static readonly string[] Tokens =
    [
        " ", " ", " ", "(", ")", "[", "]", "<", ">", ".", ":", ",", "*", "%", "+", "-", "\\", "\"", "\"a\\\"b\"", "NIL", "INBOX",
        "1", "0", "2:4", "1:*", "4294967296", "99999999999999999999", "FLAGS", "BODY", "BODY.PEEK", "BINARY", "BINARY.SIZE",
        "HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT", "TEXT", "MIME", "ALL", "FAST", "FULL", "UID", "MODSEQ", "CHANGEDSINCE",
        "VANISHED", "UNCHANGEDSINCE", "+FLAGS.SILENT", "\\Seen", "OR", "NOT", "SINCE", "1-Feb-1994", "\"05-Jul-1995 08:49:37 -0700\"",
        "\" 1-Jan-0001 00:00:00 +1400\"", "31-Feb-2020", "CHARSET", "UTF-8", "RETURN", "MIN", "COUNT", "SUBSCRIBED",
        "RECURSIVEMATCH", "STATUS", "MESSAGES", "USE", "\\Sent", "CONDSTORE", "PLAIN", "=", "dGVzdA==", "{0+}\r\n",
        "{3+}\r\nabc", "{2}\r\n\0\n", "\u00ff", "\u00c3\u00a9",
    ];

    // Token soup after a real verb reaches deep into every command's grammar: still never a throw.
    [Fact]
    public void Any_arguments_to_any_command_give_a_result_not_an_exception() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(
            (from verb in Gen.Elements(Verbs) from tokens in Gen.Elements(Tokens).ListOf() select (verb, tokens)).ToArbitrary(),
            t =>
            {
                var results = Feed([Bytes("t " + t.verb + " " + string.Concat(t.tokens) + "\r\n")]);
                Assert.Single(WithoutContinuations(results));
            }));
}
