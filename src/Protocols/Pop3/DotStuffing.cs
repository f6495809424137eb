using System.Buffers;

namespace Mail.Protocols.Pop3;

/// <summary>
/// One-shot dot-stuffing for messages already in memory; large messages go through
/// <see cref="DotStuffer"/> chunk by chunk, which these wrap so both give identical bytes.
/// </summary>
public static class DotStuffing
{
    /// <summary>The body of a RETR reply: the message dot-stuffed and terminated with ".\r\n".</summary>
    public static byte[] Stuff(ReadOnlySpan<byte> message) => Run(new DotStuffer(), message);

    /// <summary>
    /// The body of a TOP reply: the header, the blank line after it and the first
    /// <paramref name="bodyLines"/> body lines, dot-stuffed and terminated with ".\r\n".
    /// </summary>
    /// <remarks><![CDATA[
    /// TOP msg n   ; RFC 1939 section 7: "the headers of the message, the blank line separating
    ///             ; the headers from the body, and then the number of lines of the indicated
    ///             ; message's body". A message without a blank line is all header.
    /// ]]></remarks>
    public static byte[] Top(ReadOnlySpan<byte> message, int bodyLines) => Run(new DotStuffer(bodyLines), message);

    private static byte[] Run(DotStuffer stuffer, ReadOnlySpan<byte> message)
    {
        var output = new ArrayBufferWriter<byte>(message.Length + message.Length / 64 + 8);
        stuffer.Feed(message, output);
        stuffer.Complete(output);
        return output.WrittenSpan.ToArray();
    }
}
