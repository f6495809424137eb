namespace Mail.Protocols.Imap;

public sealed partial class ImapReceiver
{
    private enum LineScan { Complete, Incomplete, Overlong }

    /// <summary>
    /// Finds the next line in <paramref name="input"/> within <paramref name="limit"/> octets,
    /// LF included. Complete: <paramref name="line"/> is it without CRLF (a bare LF ends a line
    /// too) and <paramref name="consumed"/> moves past it. Overlong: the line is consumed through
    /// its LF when that is here, else dropped as it arrives (see <see cref="OverlongLine"/>), so
    /// the caller never holds more than the limit.
    /// </summary>
    private LineScan ScanLine(ReadOnlySpan<byte> input, int limit, ref int consumed, out ReadOnlySpan<byte> line)
    {
        line = default;
        var lf = input[..Math.Min(input.Length, limit)].IndexOf((byte)'\n');
        if (lf < 0)
        {
            if (input.Length < limit || input.IsEmpty)
                return LineScan.Incomplete;
            var end = input.IndexOf((byte)'\n');
            _discarding = end < 0;
            consumed += end < 0 ? input.Length : end + 1;
            return LineScan.Overlong;
        }
        consumed += lf + 1;
        line = input[..lf];
        if (line.Length > 0 && line[^1] == (byte)'\r')
            line = line[..^1];
        return LineScan.Complete;
    }
}
