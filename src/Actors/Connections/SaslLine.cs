using System.Text;

namespace Mail.Actors.Connections;

/// <summary>
/// One client response of a SASL exchange (RFC 4954 4: a base64 line, or "*" to cancel), read
/// straight from a session's input: these lines are not commands, and must never be parsed,
/// echoed or logged as such.
/// </summary>
public static class SaslLine
{
    /// RFC 4954 4: a response line may be up to 12288 octets.
    public const int MaxLength = 12288;

    /// <returns>
    /// null when no complete line is buffered yet (and the buffer is still under the limit);
    /// otherwise the line without CRLF, or "" with <paramref name="tooLong"/> set when it was
    /// over the limit (everything up to its end is consumed then).
    /// </returns>
    public static string? TryRead(ReadOnlySpan<byte> pending, out int consumed, out bool tooLong)
    {
        tooLong = false;
        consumed = 0;
        var end = pending.IndexOf("\r\n"u8);
        if (end < 0)
        {
            if (pending.Length <= MaxLength)
                return null;
            // Over the limit without an end: drop what we have; the caller answers once the line ends.
            var lf = pending.IndexOf((byte)'\n');
            if (lf < 0)
                return null;
            end = lf - 1;
        }
        consumed = end + 2;
        if (end > MaxLength)
        {
            tooLong = true;
            return "";
        }
        return Encoding.ASCII.GetString(pending[..end]).Trim();
    }
}
