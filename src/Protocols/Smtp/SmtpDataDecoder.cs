namespace Mail.Protocols.Smtp;

/// <summary>
/// Message data after DATA: removes dot-stuffing and finds the end-of-data sequence
/// (RFC 5321 4.5.2), byte by byte so that any split of the input gives the same message.
/// </summary>
/// <remarks>
/// A "line start" is only the position after CRLF (or the first byte of data). Bare CR and
/// bare LF are message bytes like any other and never start a line, which is what keeps
/// "&lt;LF&gt;.&lt;LF&gt;" and "&lt;CRLF&gt;.&lt;LF&gt;" from ending the message (SMTP smuggling).
/// The only byte held back between calls is the CR of a possible ".&lt;CR&gt;&lt;LF&gt;";
/// it lives in <see cref="_state"/>, so the caller may always drop what was consumed.
/// The <see cref="BareLinefeedPolicy"/> only changes the bytes handed out (a bare LF stored as
/// CRLF under Normalize) and what <see cref="SawBareLinefeed"/> says, never the framing.
/// Line lengths are counted as sent (a stuffing dot and the line ending included) from one LF
/// to the next, a bare LF ending a line too: that is where a reader of the stored message sees
/// the line end.
/// </remarks>
internal sealed class SmtpDataDecoder(BareLinefeedPolicy policy, int maxTextLine = 1000)
{
    private enum State : byte
    {
        LineStart, // after CRLF: a "." here is stuffing or the terminator
        Dot,       // "." at line start, already dropped either way
        DotCr,     // ".<CR>" at line start, the CR held back
        Middle,    // inside a line
        Cr,        // a CR inside a line, already passed on
    }

    private State _state = State.LineStart;
    private int _lineLength;

    /// <summary>A bare LF was part of the message since <see cref="Begin"/>.</summary>
    public bool SawBareLinefeed { get; private set; }

    /// <summary>A line of more than maxTextLine octets (its line ending included) was part of the message.</summary>
    public bool SawLongLine { get; private set; }

    public void Begin()
    {
        _state = State.LineStart;
        _lineLength = 0;
        SawBareLinefeed = false;
        SawLongLine = false;
    }

    /// <remarks><![CDATA[
    /// end-of-data = CRLF "." CRLF     ; the first CRLF ends the last line and stays in the message
    /// stuffed line: if the first character of a line is a period and there are other
    /// characters on the line, the first character is deleted (RFC 5321 4.5.2)
    /// ]]></remarks>
    public SmtpInput Read(ReadOnlySpan<byte> input, out int consumed)
    {
        // At most one held CR joins the input, and Normalize adds a CR per LF at most.
        var output = new byte[input.Length + 1 + (policy == BareLinefeedPolicy.Normalize ? input.Count((byte)'\n') : 0)];
        var length = 0;
        var dotAt = -1;
        for (var i = 0; i < input.Length; i++)
        {
            var b = input[i];
            if (++_lineLength > maxTextLine)
            {
                SawLongLine = true;
            }

            if (b == (byte)'\n')
            {
                _lineLength = 0;
            }

            switch (_state)
            {
                case State.LineStart when b == (byte)'.':
                    _state = State.Dot;
                    dotAt = i;
                    break;
                case State.Dot when b == (byte)'\r':
                    _state = State.DotCr;
                    break;
                case State.DotCr when b == (byte)'\n':
                    if (length > 0)
                    {
                        // One result per call: hand out the data first and let the next call
                        // read the terminator again. Output before it means the "." is in
                        // this input (nothing is output between "." and its LF).
                        _state = State.LineStart;
                        _lineLength = 0; // the terminator line is read again from its "."
                        consumed = dotAt;
                        return new DataChunk(output.AsMemory(0, length));
                    }

                    _state = State.LineStart;
                    consumed = i + 1;
                    return DataEnd.Instance;
                case State.DotCr:
                    output[length++] = (byte)'\r';
                    goto default;
                case State.Cr when b == (byte)'\n':
                    output[length++] = b;
                    _state = State.LineStart;
                    break;
                case State.LineStart or State.Dot or State.Middle when b == (byte)'\n':
                    // A bare LF: not a line end, so the next byte does not start a line either.
                    SawBareLinefeed = true;
                    if (policy == BareLinefeedPolicy.Normalize)
                    {
                        output[length++] = (byte)'\r';
                    }

                    output[length++] = b;
                    _state = State.Middle;
                    break;
                default:
                    // Includes a stuffed "." (dropped) followed by any other byte.
                    output[length++] = b;
                    _state = b == (byte)'\r' ? State.Cr : State.Middle;
                    break;
            }
        }

        consumed = input.Length;
        return length == 0 ? NeedMoreData.Instance : new DataChunk(output.AsMemory(0, length));
    }
}
