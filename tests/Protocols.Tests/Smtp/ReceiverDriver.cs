using System.Text;
using Mail.Protocols.Smtp;
using Xunit;

namespace Mail.Protocols.Tests.Smtp;

/// <summary>
/// Plays the session's side of <see cref="SmtpReceiver"/>: keeps unconsumed bytes, calls
/// Read until it needs more, calls BeginData after every DATA command (as if 354 was sent) and
/// AcceptChunk after every BDAT the session would take (all, unless told otherwise).
/// </summary>
internal static class ReceiverDriver
{
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Feeds the pieces in order; consecutive data chunks are merged so splits compare equal.</summary>
    public static List<SmtpInput> Feed(
        IEnumerable<byte[]> pieces,
        int maxLine = 2048,
        BareLinefeedPolicy policy = BareLinefeedPolicy.Normalize,
        Func<Bdat, bool>? acceptChunk = null,
        bool rejectLongLines = false)
    {
        // maxLine counts the line without its ending; the receiver's limit includes CRLF.
        var receiver = new SmtpReceiver(maxLine + 2, policy, rejectLongTextLines: rejectLongLines);
        var pending = new List<byte>();
        var results = new List<SmtpInput>();
        foreach (var piece in pieces)
        {
            pending.AddRange(piece);
            // Not "while bytes remain": a ChunkEnd may be due with nothing left to read.
            for (var guard = 0; ; guard++)
            {
                Assert.True(guard < 100_000, "receiver made no progress");
                var result = receiver.Read(pending.ToArray(), out var consumed);
                Assert.InRange(consumed, 0, pending.Count);
                pending.RemoveRange(0, consumed);
                if (result is NeedMoreData)
                {
                    break;
                }

                Assert.True(consumed > 0 || result is ChunkEnd, $"{result} consumed nothing");
                Add(results, result);
                if (result is CommandInput { Command: Data })
                {
                    receiver.BeginData();
                }
                else if (result is CommandInput { Command: Bdat bdat } && (acceptChunk?.Invoke(bdat) ?? true))
                {
                    receiver.AcceptChunk();
                }
            }
        }

        return results;
    }

    public static List<SmtpInput> FeedInSteps(
        byte[] input, int step, int maxLine = 2048, BareLinefeedPolicy policy = BareLinefeedPolicy.Normalize) =>
        Feed(input.Chunk(step), maxLine, policy);

    /// <summary>
    /// Feeds <paramref name="input"/> whole, one byte at a time and cut in two at every
    /// position, asserts all give the same results and returns them.
    /// </summary>
    public static List<SmtpInput> FeedAllWays(
        string input,
        int maxLine = 2048,
        BareLinefeedPolicy policy = BareLinefeedPolicy.Normalize,
        Func<Bdat, bool>? acceptChunk = null)
    {
        var bytes = Bytes(input);
        var whole = Feed([bytes], maxLine, policy, acceptChunk);
        var expected = Describe(whole);
        Assert.Equal(expected, Describe(Feed(bytes.Chunk(1), maxLine, policy, acceptChunk)));
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            Assert.Equal(expected, Describe(Feed([bytes[..cut], bytes[cut..]], maxLine, policy, acceptChunk)));
        }

        return whole;
    }

    public static List<string> Describe(IEnumerable<SmtpInput> results) => results.Select(Describe).ToList();

    public static string Describe(SmtpInput result) => result switch
    {
        DataChunk chunk => "data:" + Text(chunk),
        CommandInput command => "command:" + command.Command,
        ErrorInput error => "error:" + error.Reply,
        _ => result.ToString(),
    };

    public static string Text(DataChunk chunk) => Encoding.Latin1.GetString(chunk.Bytes.Span);

    private static void Add(List<SmtpInput> results, SmtpInput result)
    {
        if (result is DataChunk next && results.Count > 0 && results[^1] is DataChunk previous)
        {
            results[^1] = new DataChunk(previous.Bytes.ToArray().Concat(next.Bytes.ToArray()).ToArray());
            return;
        }

        results.Add(result);
    }
}
