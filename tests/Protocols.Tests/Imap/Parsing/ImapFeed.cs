using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Mail.Protocols.Imap;
using Xunit;

namespace Mail.Protocols.Tests.Imap.Parsing;

/// <summary>
/// Plays the session's side of <see cref="ImapReceiver"/>: keeps unconsumed bytes, calls Read
/// until it needs more, and after a <see cref="ContinuationNeeded"/> simply goes on (as if
/// "+ Ready" was sent). Results are compared by <see cref="Describe(object?)"/>, since the
/// records hold lists, which records compare by reference.
/// </summary>
internal static class ImapFeed
{
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static List<ImapInput> Feed(IEnumerable<byte[]> pieces, ImapReceiver? receiver = null)
    {
        receiver ??= new ImapReceiver();
        var pending = new List<byte>();
        var results = new List<ImapInput>();
        foreach (var piece in pieces)
        {
            pending.AddRange(piece);
            for (var guard = 0; ; guard++)
            {
                Assert.True(guard < 100_000, "receiver made no progress");
                var buffer = pending.ToArray();
                var result = receiver.Read(buffer, out var consumed);
                Assert.InRange(consumed, 0, buffer.Length);
                pending.RemoveRange(0, consumed);
                if (result is NeedMoreData)
                    break;
                Assert.True(consumed > 0, $"{result} consumed nothing");
                results.Add(result);
            }
        }
        return results;
    }

    public static List<ImapInput> Feed(byte[] input, int chunk, ImapReceiver? receiver = null) =>
        Feed(input.Chunk(Math.Max(1, chunk)), receiver);

    /// <summary>
    /// Feeds whole, byte by byte and in 3-byte chunks (a new receiver each time); asserts that
    /// they agree, continuation requests aside (only a client that waits is asked), and returns the results.
    /// </summary>
    public static List<ImapInput> FeedAllWays(byte[] input, Func<ImapReceiver>? receiver = null)
    {
        receiver ??= () => new ImapReceiver();
        var whole = WithoutContinuations(Feed(input, input.Length, receiver()));
        Assert.Equal(Describe(whole), Describe(WithoutContinuations(Feed(input, 1, receiver()))));
        Assert.Equal(Describe(whole), Describe(WithoutContinuations(Feed(input, 3, receiver()))));
        return whole;
    }

    public static List<ImapInput> FeedAllWays(string input, Func<ImapReceiver>? receiver = null) =>
        FeedAllWays(Bytes(input), receiver);

    /// <summary>One command in, exactly one result out, whichever way it is fed.</summary>
    public static ImapInput Single(string input) => Assert.Single(FeedAllWays(input));

    public static List<ImapInput> WithoutContinuations(IEnumerable<ImapInput> results) =>
        [.. results.Where(r => r is not ContinuationNeeded)];

    public static string Describe(IEnumerable<ImapInput> results) => string.Join("\n", results.Select(Describe));

    /// <summary>A deep, structural text of a value: records by their public properties, lists by their items.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        byte[] b => "bytes:" + Convert.ToHexString(b),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f when value.GetType().IsPrimitive || value.GetType().IsEnum => f.ToString(null, CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
        _ => value.GetType().Name + " { " + string.Join(", ", value.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.DeclaringType != typeof(ImapRequest))
            .Select(p => p.Name + " = " + Describe(p.GetValue(value)))) + " }",
    };
}
