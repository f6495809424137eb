namespace Mail.Protocols.Pop3;

/// <summary>
/// Frames client bytes into POP3 command lines. The receiver never buffers: the caller keeps
/// the bytes past <c>consumed</c> and offers them again with whatever arrives next, so one
/// read may hold half a command or several pipelined ones (RFC 2449 PIPELINING). Feeding the
/// same bytes whole or one at a time gives the same sequence of results.
/// </summary>
/// <remarks>
/// Line limits. RFC 2449 section 4 caps a command at 255 octets including CRLF, which is
/// <c>maxLine</c>. A line starting with "AUTH " and SASL continuation lines may run to
/// <c>maxAuthLine</c> (default 4096): RFC 5034 tells clients not to send an initial response
/// that breaks 255 octets, but OAuth bearer tokens (XOAUTH2, OAUTHBEARER) are one to two
/// kilobytes and real clients send them anyway. A longer line gets "-ERR line too long" once;
/// the rest of it, up to and including its LF, is discarded as it arrives, so a hostile client
/// cannot make anyone buffer more than the limit.
/// </remarks>
public sealed class Pop3Receiver
{
    public const string LineTooLong = "line too long";

    private readonly int _maxLine;
    private readonly int _maxAuthLine;

    // True after an overlong line was reported and before its LF has been seen.
    private bool _discarding;

    public Pop3Receiver(int maxLine = 255, int maxAuthLine = 4096)
    {
        // Below 8 octets not even "STAT\r\n" with some slack would fit.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLine, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAuthLine, maxLine);
        _maxLine = maxLine;
        _maxAuthLine = maxAuthLine;
    }

    /// <summary>
    /// Forgets an overlong line being skipped. After STLS the plaintext stream is gone (its
    /// bytes are discarded), so the first byte over TLS starts a new line.
    /// </summary>
    public void Reset() => _discarding = false;

    /// <summary>Reads the next command from <paramref name="input"/>.</summary>
    /// <returns>
    /// <see cref="CommandInput"/> or <see cref="ErrorInput"/> for one line (possibly with more
    /// lines left unconsumed: call again before waiting for data), or <see cref="NeedMoreData"/>
    /// when the unconsumed bytes hold no complete line.
    /// </returns>
    /// <remarks><![CDATA[line = *OCTET CRLF   ; bare LF is accepted as a line end, a CR before it is dropped]]></remarks>
    public Pop3Input Read(ReadOnlySpan<byte> input, out int consumed) =>
        ReadLine(input, out consumed, saslResponse: false);

    /// <summary>
    /// Reads one SASL client response during an AUTH exchange, where lines are not commands:
    /// <see cref="SaslResponseInput"/> with base64 text or "*" (cancel), <see cref="ErrorInput"/>
    /// for anything else, or <see cref="NeedMoreData"/>.
    /// </summary>
    /// <remarks><![CDATA[client-response = *base64-char / "*"   ; RFC 5034 section 4]]></remarks>
    public Pop3Input ReadSaslResponse(ReadOnlySpan<byte> input, out int consumed) =>
        ReadLine(input, out consumed, saslResponse: true);

    private Pop3Input ReadLine(ReadOnlySpan<byte> input, out int consumed, bool saslResponse)
    {
        if (!OverlongLine.SkipRest(ref input, ref _discarding, out consumed))
            return NeedMoreData.Instance;

        var limit = saslResponse || StartsWithAuth(input) ? _maxAuthLine : _maxLine;
        var lf = input[..Math.Min(input.Length, limit)].IndexOf((byte)'\n');
        if (lf < 0)
        {
            if (input.Length < limit)
                return NeedMoreData.Instance;
            // Already more than the limit without a line end: report now rather than buffer on,
            // and drop the line through its LF if that is here already, else as it arrives.
            var end = input.IndexOf((byte)'\n');
            _discarding = end < 0;
            consumed += end < 0 ? input.Length : end + 1;
            return Pop3CommandParser.Error(LineTooLong);
        }

        consumed += lf + 1;
        var line = input[..lf];
        if (line.Length > 0 && line[^1] == (byte)'\r')
            line = line[..^1];
        return saslResponse ? ParseSaslResponse(line) : Pop3CommandParser.Parse(line);
    }

    private static bool StartsWithAuth(ReadOnlySpan<byte> input) =>
        input.Length >= 5 && System.Text.Ascii.EqualsIgnoreCase(input[..5], "AUTH "u8);

    private static Pop3Input ParseSaslResponse(ReadOnlySpan<byte> line) =>
        Pop3CommandParser.TryDecode(line, out var text) && Pop3Arguments.IsSaslResponse(text)
            ? new SaslResponseInput(text)
            : Pop3CommandParser.Error(Pop3CommandParser.SyntaxError);
}
