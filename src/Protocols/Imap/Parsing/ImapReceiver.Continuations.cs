namespace Mail.Protocols.Imap;

public sealed partial class ImapReceiver
{
    /// <summary>
    /// Reads one client line during AUTHENTICATE: <see cref="SaslResponseInput"/> with the base64
    /// text or "*" (cancel), <see cref="ErrorInput"/> (no tag) for anything else, or
    /// <see cref="NeedMoreData"/>.
    /// </summary>
    /// <remarks><![CDATA[base64 = *(4base64-char) [base64-terminal] ; RFC 3501 6.2.2: "*" cancels]]></remarks>
    public ImapInput ReadSaslResponse(ReadOnlySpan<byte> input, out int consumed) =>
        ReadPlainLine(input, out consumed, static line =>
            line.SequenceEqual("*"u8) || IsBase64(line)
                ? new SaslResponseInput(System.Text.Encoding.ASCII.GetString(line))
                : new ErrorInput(null, "Invalid base64 in SASL response"));

    /// <summary>
    /// Reads the line that ends IDLE: <see cref="IdleDone"/> for "DONE" (any case), else
    /// <see cref="ErrorInput"/> (no tag: the session answers with the IDLE command's tag).
    /// </summary>
    /// <remarks><![CDATA[idle = "IDLE" CRLF "DONE" ; RFC 2177]]></remarks>
    public ImapInput ReadIdleDone(ReadOnlySpan<byte> input, out int consumed) =>
        ReadPlainLine(input, out consumed, static line =>
            System.Text.Ascii.EqualsIgnoreCase(line, "DONE"u8) ? IdleDone.Instance : new ErrorInput(null, "Expected DONE"));

    // RFC 4648 base64 with padding; an empty line is an empty response.
    internal static bool IsBase64(ReadOnlySpan<byte> line)
    {
        if (line.Length % 4 != 0)
            return false;
        var padding = line.EndsWith("=="u8) ? 2 : line.EndsWith("="u8) ? 1 : 0;
        foreach (var b in line[..^padding])
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == '+' || b == '/'))
                return false;
        }
        return true;
    }

    private delegate ImapInput LineParser(ReadOnlySpan<byte> line);

    // A single line outside any command, under the same length limit.
    private ImapInput ReadPlainLine(ReadOnlySpan<byte> input, out int consumed, LineParser parse)
    {
        if (!OverlongLine.SkipRest(ref input, ref _discarding, out consumed))
            return NeedMoreData.Instance;
        return ScanLine(input, _maxLine, ref consumed, out var line) switch
        {
            LineScan.Incomplete => NeedMoreData.Instance,
            LineScan.Overlong => new ErrorInput(null, LineTooLong),
            _ => parse(line),
        };
    }
}
