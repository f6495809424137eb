namespace Mail.Protocols.Smtp;

/// <summary>
/// The byte-level reader of an SMTP server session: bytes in, one <see cref="SmtpInput"/> out
/// per call. It never touches a socket and never assumes one network read is one command.
/// </summary>
/// <remarks>
/// Contract: call <see cref="Read"/> with all bytes not yet consumed (what the last call left
/// plus what arrived since), advance by <c>consumed</c> whatever the result, and call again
/// while bytes remain and the result is not <see cref="NeedMoreData"/>. Fed whole or one byte
/// at a time, the same input yields the same results (data chunks may be cut differently).
/// <para>
/// Command lines end at CRLF or, like Postfix, at a bare LF. Data lines end only at CRLF,
/// so "&lt;LF&gt;.&lt;CR&gt;&lt;LF&gt;" cannot end a message (SMTP smuggling, CVE-2023-51766).
/// </para>
/// </remarks>
public sealed class SmtpReceiver
{
    private readonly int _maxCommandLine;
    private readonly SmtpDataDecoder _data = new();
    private bool _inData;

    // True after a too-long line was reported: its rest is dropped up to the next LF.
    private bool _discarding;

    /// <param name="maxCommandLine">Longest command line in octets, without its line ending.
    /// RFC 5321 4.5.3.1.4 asks for at least 512 with CRLF; Postfix allows 2048.</param>
    public SmtpReceiver(int maxCommandLine = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCommandLine, 16);
        _maxCommandLine = maxCommandLine;
    }

    public bool InData => _inData;

    /// <summary>Switches to message data; the session calls it after sending 354.</summary>
    public void BeginData()
    {
        if (_inData)
        {
            throw new InvalidOperationException("Already reading message data.");
        }

        _inData = true;
        _discarding = false;
        _data.Begin();
    }

    /// <summary>Back to command mode, forgetting any partial state (e.g. after STARTTLS).</summary>
    public void Reset()
    {
        _inData = false;
        _discarding = false;
        _data.Begin();
    }

    public SmtpInput Read(ReadOnlySpan<byte> input, out int consumed)
    {
        if (!_inData)
        {
            return ReadCommand(input, out consumed);
        }

        var result = _data.Read(input, out consumed);
        if (result is DataEnd)
        {
            _inData = false;
        }

        return result;
    }

    private SmtpInput ReadCommand(ReadOnlySpan<byte> input, out int consumed)
    {
        if (!OverlongLine.SkipRest(ref input, ref _discarding, out var skipped))
        {
            consumed = skipped;
            return NeedMoreData.Instance;
        }

        var lf = input.IndexOf((byte)'\n');
        if (lf < 0)
        {
            // One more byte than the limit may be the CR of a line that is just long enough.
            if (input.Length > _maxCommandLine + 1)
            {
                _discarding = true;
                consumed = skipped + input.Length;
                return new ErrorInput(SmtpReply.LineTooLong);
            }

            consumed = skipped;
            return NeedMoreData.Instance;
        }

        consumed = skipped + lf + 1;
        var line = input[..lf];
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return line.Length > _maxCommandLine
            ? new ErrorInput(SmtpReply.LineTooLong)
            : SmtpCommandParser.Parse(line);
    }
}
