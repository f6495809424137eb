using System.Buffers;

namespace Mail.Protocols.Pop3;

/// <summary>
/// Streams a stored message into the body of a RETR or TOP reply (RFC 1939 section 3): a "."
/// is added before every line that starts with ".", and <see cref="Complete(IBufferWriter{byte})"/>
/// ends the reply with ".\r\n" (after a CRLF if the message did not end with one). Feed it
/// chunks of any size, split anywhere; the output is the same as for the whole message.
/// </summary>
/// <remarks>
/// LF alone counts as a line end, both for stuffing and for TOP's line count: a lenient client
/// that splits on LF must not see "\n.\r\n" inside a message as the end of the reply. No other
/// byte is changed, so unstuffing gives back exactly the stored message (plus the CRLF added
/// to an unterminated last line, which the protocol cannot avoid).
/// </remarks>
public sealed class DotStuffer
{
    private readonly int? _bodyLines;
    private bool _atLineStart = true;
    private bool _inHeader = true;
    private int _lineLength;      // bytes of the current line so far, not counting stuffing
    private byte _lastByte;       // last byte of the current line; meaningful while _lineLength > 0
    private bool _lineEndedInCrlf; // whether the last completed line ended in CRLF rather than bare LF
    private bool _written;
    private int _bodyLinesWritten;
    private bool _completed;

    /// <param name="bodyLines">
    /// Null for RETR (everything); for TOP, how many lines after the blank line that ends the
    /// header to pass on. Input after that is dropped, so the caller may stop reading once
    /// <see cref="IsSatisfied"/> is true.
    /// </param>
    public DotStuffer(int? bodyLines = null)
    {
        if (bodyLines is < 0)
            throw new ArgumentOutOfRangeException(nameof(bodyLines), "TOP line count must not be negative.");
        _bodyLines = bodyLines;
    }

    /// <summary>True once a TOP has all its lines; further input is ignored.</summary>
    public bool IsSatisfied { get; private set; }

    /// <summary>Stuffs <paramref name="chunk"/> into <paramref name="output"/> (a PipeWriter works).</summary>
    public void Feed(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        if (_completed)
            throw new InvalidOperationException("The reply is already complete.");
        while (!chunk.IsEmpty && !IsSatisfied)
        {
            if (_atLineStart && chunk[0] == (byte)'.')
                output.Write("."u8);

            var lf = chunk.IndexOf((byte)'\n');
            var segment = lf < 0 ? chunk : chunk[..(lf + 1)];
            output.Write(segment);
            _written = true;
            chunk = chunk[segment.Length..];

            if (lf < 0)
            {
                _lineLength += segment.Length;
                _lastByte = segment[^1];
                _atLineStart = false;
                continue;
            }

            var beforeLf = lf > 0 ? segment[lf - 1] : _lineLength > 0 ? _lastByte : (byte)0;
            var contentLength = _lineLength + lf;
            _lineEndedInCrlf = beforeLf == (byte)'\r';
            EndLine(blank: contentLength == 0 || (contentLength == 1 && _lineEndedInCrlf));
        }
    }

    /// <summary>Ends the reply: CRLF if the message did not end with one, then ".\r\n".</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        if (_completed)
            throw new InvalidOperationException("The reply is already complete.");
        _completed = true;
        // An empty message is "+OK\r\n.\r\n": the status line already ended the last line.
        if (_written && !(_atLineStart && _lineEndedInCrlf))
            output.Write("\r\n"u8);
        output.Write(".\r\n"u8);
    }

    /// <summary>Convenience for callers without a buffer writer.</summary>
    public byte[] Feed(ReadOnlySpan<byte> chunk)
    {
        var buffer = new ArrayBufferWriter<byte>(chunk.Length + 16);
        Feed(chunk, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Convenience for callers without a buffer writer.</summary>
    public byte[] Complete()
    {
        var buffer = new ArrayBufferWriter<byte>(5);
        Complete(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private void EndLine(bool blank)
    {
        _atLineStart = true;
        _lineLength = 0;
        if (_bodyLines is not { } wanted)
            return;
        if (_inHeader)
            _inHeader = !blank;
        else
            _bodyLinesWritten++;
        IsSatisfied = !_inHeader && _bodyLinesWritten >= wanted;
    }
}
