namespace Mail.Protocols.Smtp;

/// <summary>
/// The byte-level reader of an SMTP server session: bytes in, one <see cref="SmtpInput"/> out
/// per call. It never touches a socket and never assumes one network read is one command.
/// </summary>
/// <remarks>
/// Contract: call <see cref="Read"/> with all bytes not yet consumed (what the last call left
/// plus what arrived since), advance by <c>consumed</c> whatever the result, and call again
/// while the result is not <see cref="NeedMoreData"/> (even with no bytes left: a
/// <see cref="ChunkEnd"/> may be due). Every result but <see cref="ChunkEnd"/> and
/// <see cref="NeedMoreData"/> consumes at least one byte. Fed whole or one byte at a time, the
/// same input yields the same results (data chunks may be cut differently).
/// <para>
/// Command lines end at CRLF or, like Postfix, at a bare LF (unless the
/// <see cref="BareLinefeedPolicy"/> is Reject). Data lines end only at CRLF, so
/// "&lt;LF&gt;.&lt;CR&gt;&lt;LF&gt;" cannot end a message (SMTP smuggling, CVE-2023-51764).
/// </para>
/// <para>
/// BDAT (RFC 3030): the octets after a valid BDAT line belong to that command whatever the
/// session answers, so the receiver counts them off by itself. They come out as
/// <see cref="DataChunk"/>s only if the session calls <see cref="AcceptChunk"/> before the next
/// <see cref="Read"/>; otherwise they are dropped. Either way a <see cref="ChunkEnd"/> follows,
/// when the session sends its one reply to that BDAT. A session that forgets to decide thus
/// loses a chunk, and never runs its bytes as commands. A BDAT line refused for its syntax but
/// with a readable size ("BDAT 12 FOO") has its octets skipped too; its <see cref="ErrorInput"/>
/// comes after them, in place of the <see cref="ChunkEnd"/>.
/// </para>
/// <para>
/// Line limits (RFC 5321 4.5.3.1): a command line over the limit gets one
/// <see cref="SmtpReply.LineTooLong"/>, reported as soon as the limit is passed; the rest of the
/// line is dropped as it arrives, so no more than the limit is ever buffered. Text lines in DATA
/// are never cut: a long one only marks the message, refused at its end when so configured.
/// </para>
/// </remarks>
public sealed class SmtpReceiver
{
    private enum Mode : byte
    {
        Command,
        Data,
        ChunkOffered, // BDAT just returned: AcceptChunk or, at the next Read, skip
        Chunk,
        ChunkSkip,
    }

    /// <summary>RFC 4954 4: an AUTH command with its initial response may run to 12288 octets.</summary>
    public const int MaxAuthLine = 12288;

    private readonly int _maxCommandLine; // without the line ending
    private readonly BareLinefeedPolicy _bareLinefeeds;
    private readonly SmtpDataDecoder _data;
    private readonly bool _rejectLongTextLines;
    private readonly int _maxTextLine;
    private Mode _mode;
    private long _chunkSize;
    private long _chunkLeft;
    private bool _chunkLast;

    // The refusal of a BDAT line with a size but bad other words, answered once its octets are skipped.
    private SmtpReply? _chunkError;

    // True after a too-long line was reported: its rest is dropped up to the next LF.
    private bool _discarding;

    /// <param name="maxCommandLine">Longest command line in octets, CRLF included. RFC 5321
    /// 4.5.3.1.4 asks for at least 512; Postfix allows 2048. A line starting with "AUTH " may
    /// run to <see cref="MaxAuthLine"/> (SASL initial responses, OAuth tokens).</param>
    /// <param name="bareLinefeeds">Postfix 3.9's default, Normalize, unless told otherwise.</param>
    /// <param name="maxTextLine">Longest text line in DATA, CRLF included (RFC 5321 4.5.3.1.6: 1000).</param>
    /// <param name="rejectLongTextLines">Refuse a message with a longer line at its end-of-data
    /// (<see cref="RefusedDataEnd"/>); otherwise such lines are stored as they came.</param>
    public SmtpReceiver(
        int maxCommandLine = 512,
        BareLinefeedPolicy bareLinefeeds = BareLinefeedPolicy.Normalize,
        int maxTextLine = 1000,
        bool rejectLongTextLines = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCommandLine, 18);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTextLine, 3);
        _maxCommandLine = maxCommandLine - 2;
        _bareLinefeeds = bareLinefeeds;
        _maxTextLine = maxTextLine;
        _rejectLongTextLines = rejectLongTextLines;
        _data = new SmtpDataDecoder(bareLinefeeds, maxTextLine);
    }

    public bool InData => _mode == Mode.Data;

    /// <summary>Between a BDAT command and its <see cref="ChunkEnd"/>.</summary>
    public bool InChunk => _mode is Mode.ChunkOffered or Mode.Chunk or Mode.ChunkSkip;

    /// <summary>Switches to message data; the session calls it after sending 354.</summary>
    public void BeginData()
    {
        if (_mode != Mode.Command)
        {
            throw new InvalidOperationException($"Cannot begin data in {_mode} mode.");
        }

        _mode = Mode.Data;
        _discarding = false;
        _data.Begin();
    }

    /// <summary>
    /// Hands out the octets of the BDAT command just read as <see cref="DataChunk"/>s. Call it
    /// right after <see cref="Read"/> returned that command, or not at all to drop them.
    /// </summary>
    public void AcceptChunk()
    {
        if (_mode != Mode.ChunkOffered)
        {
            throw new InvalidOperationException("No BDAT command is waiting for a decision.");
        }

        _mode = Mode.Chunk;
    }

    /// <summary>Back to command mode, forgetting any partial state (e.g. after STARTTLS).</summary>
    public void Reset()
    {
        _mode = Mode.Command;
        _discarding = false;
        _chunkError = null;
        _data.Begin();
    }

    public SmtpInput Read(ReadOnlySpan<byte> input, out int consumed)
    {
        switch (_mode)
        {
            case Mode.Data:
                return ReadData(input, out consumed);
            case Mode.ChunkOffered:
                _mode = Mode.ChunkSkip;
                return SkipChunk(input, out consumed);
            case Mode.ChunkSkip:
                return SkipChunk(input, out consumed);
            case Mode.Chunk:
                return ReadChunk(input, out consumed);
            default:
                return ReadCommand(input, out consumed);
        }
    }

    private SmtpInput ReadData(ReadOnlySpan<byte> input, out int consumed)
    {
        var result = _data.Read(input, out consumed);
        if (result is not DataEnd)
        {
            return result;
        }

        _mode = Mode.Command;
        if (_bareLinefeeds == BareLinefeedPolicy.Reject && _data.SawBareLinefeed)
        {
            return BareLinefeedInput.Instance;
        }

        return _rejectLongTextLines && _data.SawLongLine
            ? new RefusedDataEnd(SmtpReply.TextLineTooLong(_maxTextLine))
            : result;
    }

    private SmtpInput ReadChunk(ReadOnlySpan<byte> input, out int consumed)
    {
        if (_chunkLeft == 0)
        {
            consumed = 0;
            return EndChunk(accepted: true);
        }

        consumed = (int)Math.Min(_chunkLeft, input.Length);
        _chunkLeft -= consumed;
        return consumed == 0 ? NeedMoreData.Instance : new DataChunk(input[..consumed].ToArray());
    }

    private SmtpInput SkipChunk(ReadOnlySpan<byte> input, out int consumed)
    {
        consumed = (int)Math.Min(_chunkLeft, input.Length);
        _chunkLeft -= consumed;
        return _chunkLeft == 0 ? EndChunk(accepted: false) : NeedMoreData.Instance;
    }

    private SmtpInput EndChunk(bool accepted)
    {
        _mode = Mode.Command;
        if (_chunkError is { } error)
        {
            // A refused BDAT line: its one reply comes now that its octets are gone.
            _chunkError = null;
            return new ErrorInput(error, SmtpVerbs.Bdat);
        }

        return new ChunkEnd(_chunkSize, _chunkLast, accepted);
    }

    private SmtpInput ReadCommand(ReadOnlySpan<byte> input, out int consumed)
    {
        if (!OverlongLine.SkipRest(ref input, ref _discarding, out var skipped))
        {
            consumed = skipped;
            return NeedMoreData.Instance;
        }

        // Checked before the line ends, so no more than the limit is ever buffered.
        var limit = StartsWithAuth(input) ? MaxAuthLine - 2 : _maxCommandLine;
        var lf = input.IndexOf((byte)'\n');
        if (lf < 0)
        {
            // One more byte than the limit may be the CR of a line that is just long enough.
            if (input.Length > limit + 1)
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
        var crlf = line.Length > 0 && line[^1] == (byte)'\r';
        if (crlf)
        {
            line = line[..^1];
        }

        // Length first: a long line may already have been refused before its LF arrived.
        if (line.Length > limit)
        {
            return new ErrorInput(SmtpReply.LineTooLong);
        }

        if (!crlf && _bareLinefeeds == BareLinefeedPolicy.Reject)
        {
            return BareLinefeedInput.Instance;
        }

        var result = SmtpCommandParser.Parse(line);
        if (result is CommandInput { Command: Bdat bdat })
        {
            _mode = Mode.ChunkOffered;
            _chunkSize = _chunkLeft = bdat.Size;
            _chunkLast = bdat.Last;
        }
        else if (result is ErrorInput error && SmtpCommandParser.TryChunkSize(line, out var size) && size > 0)
        {
            _mode = Mode.ChunkSkip;
            _chunkSize = _chunkLeft = size;
            _chunkLast = false;
            _chunkError = error.Reply;
            // Skip what is here already: NeedMoreData now means every byte was consumed.
            var skip = SkipChunk(input[(lf + 1)..], out var dropped);
            consumed += dropped;
            return skip;
        }

        return result;
    }

    private static bool StartsWithAuth(ReadOnlySpan<byte> input) =>
        input.Length >= 5 && System.Text.Ascii.EqualsIgnoreCase(input[..5], "AUTH "u8);
}
