namespace Mail.Protocols.Imap;

/// <summary>
/// One line of a command as the receiver collected it, without CRLF, and the literal it
/// announced at its end (the "{n}" / "{n+}" marker is cut from <paramref name="Line"/>), or null
/// for the last line. A command is one or more segments; the parser reads them as one stream.
/// </summary>
internal sealed record CommandSegment(byte[] Line, byte[]? Literal);

/// <summary>The literal marker at the end of a line: "{" number ["+"] "}" (RFC 3501 9, RFC 7888).</summary>
internal readonly record struct LiteralMarker(int Start, long Size, bool Synchronizing)
{
    // Literals are at most 2^32-1 octets (RFC 3501 number): ten digits are enough to tell that
    // a size is over any limit, and cannot overflow.
    private const int MaxDigits = 10;

    public static LiteralMarker? Find(ReadOnlySpan<byte> line)
    {
        if (line.Length < 3 || line[^1] != (byte)'}')
            return null;
        var end = line.Length - 1;
        var sync = line[end - 1] != (byte)'+';
        if (!sync)
            end--;
        var start = end;
        while (start > 0 && line[start - 1] is >= (byte)'0' and <= (byte)'9')
            start--;
        var digits = end - start;
        if (digits == 0 || digits > MaxDigits || start == 0 || line[start - 1] != (byte)'{')
            return null;
        long size = 0;
        foreach (var b in line[start..end])
            size = size * 10 + (b - '0');
        return new LiteralMarker(start - 1, size, sync);
    }
}
