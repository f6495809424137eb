using Xunit;
using System.Text;
using Mail.Protocols.Pop3;

namespace Mail.Protocols.Tests.Pop3;

/// <summary>
/// Drives a <see cref="Pop3Receiver"/> the way the connection pump does: append what arrived,
/// read until NeedMoreData, keep the unconsumed rest. Every test parses its input both whole
/// and in small chunks and requires identical results.
/// </summary>
internal static class ReceiverFeed
{
    public static List<Pop3Input> Feed(string input, int chunkSize, bool sasl = false, Pop3Receiver? receiver = null) =>
        Feed(Encoding.UTF8.GetBytes(input), chunkSize, sasl, receiver);

    public static List<Pop3Input> Feed(byte[] input, int chunkSize, bool sasl = false, Pop3Receiver? receiver = null)
    {
        receiver ??= new Pop3Receiver();
        var pending = new List<byte>();
        var results = new List<Pop3Input>();
        for (var offset = 0; offset < input.Length; offset += chunkSize)
        {
            pending.AddRange(input.AsSpan(offset, Math.Min(chunkSize, input.Length - offset)));
            while (true)
            {
                var buffer = pending.ToArray();
                var result = sasl
                    ? receiver.ReadSaslResponse(buffer, out var consumed)
                    : receiver.Read(buffer, out consumed);
                Assert.InRange(consumed, 0, buffer.Length);
                pending.RemoveRange(0, consumed);
                if (result is NeedMoreData)
                {
                    // The contract the pump relies on: NeedMoreData never leaves a complete line behind.
                    Assert.DoesNotContain((byte)'\n', pending);
                    break;
                }
                results.Add(result);
            }
        }
        return results;
    }

    /// <summary>Feeds whole, byte by byte and in 3-byte chunks; asserts they agree and returns the results.</summary>
    public static List<Pop3Input> FeedAllWays(string input, bool sasl = false)
    {
        var whole = Feed(input, Math.Max(1, Encoding.UTF8.GetByteCount(input)), sasl);
        Assert.Equal(whole, Feed(input, 1, sasl));
        Assert.Equal(whole, Feed(input, 3, sasl));
        return whole;
    }

    /// <summary>One line in, exactly one result out, whichever way it is fed.</summary>
    public static Pop3Input Single(string line)
    {
        var results = FeedAllWays(line);
        return Assert.Single(results);
    }

    public static string ErrorText(Pop3Input input) => Assert.IsType<ErrorInput>(input).Text;
}
