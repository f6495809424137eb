namespace Mail.Protocols.Imap;

/// <summary>
/// Frames client bytes into IMAP commands: a line, and for each literal it announces the
/// literal's octets and the line that goes on after them (RFC 3501 2.2, 7.5; LITERAL+, RFC 7888).
/// The receiver never holds an unfinished line: the caller keeps the bytes past
/// <c>consumed</c> and offers them again with what arrives next. It does keep the lines and
/// literals of the command it is collecting, since a command is only parsed whole. Feeding the
/// same bytes whole or one at a time gives the same results, except that a
/// <see cref="ContinuationNeeded"/> is only returned when the client is actually waiting.
/// </summary>
/// <remarks>
/// Limits. The lines of one command, without their literals, add up to at most <c>maxLine</c>
/// octets; a longer one gets "BAD Line too long" once, and the rest of it is dropped as it
/// arrives. APPEND's literal may be <c>maxLiteral</c> octets; every other command's literals
/// together at most <c>maxLine</c>, so nobody can make the server buffer megabytes before login
/// with "a LOGIN {67108864+}".
/// </remarks>
public sealed partial class ImapReceiver
{
    public const string LineTooLong = "Line too long";
    public const string LiteralTooLong = "Literal too long for this command";

    private readonly int _maxLine;
    private readonly long _maxLiteral;
    private readonly List<CommandSegment> _segments = [];
    private readonly LiteralSink _literal = new();
    private int _lineBytes;
    private long _literalBytes;
    // True after an overlong line was reported and before its LF has been seen.
    private bool _discarding;
    // True while the rest of a command whose non-synchronizing literal was refused goes by.
    private bool _skippingCommand;

    public ImapReceiver(int maxLine = 8192, long maxLiteral = 64 * 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLine, 64);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLiteral);
        _maxLine = maxLine;
        _maxLiteral = maxLiteral;
    }

    /// <summary>Reads the next command from <paramref name="input"/>.</summary>
    /// <returns>
    /// <see cref="CommandInput"/>, <see cref="ErrorInput"/>, <see cref="BadCharset"/> or
    /// <see cref="LiteralTooLarge"/> for one command (more may follow unconsumed: call again
    /// before waiting for data); <see cref="ContinuationNeeded"/> (send "+ Ready", call again);
    /// or <see cref="NeedMoreData"/>.
    /// </returns>
    /// <remarks><![CDATA[command = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF
    /// literal = "{" number ["+"] "}" CRLF *CHAR8 ; bare LF is accepted as a line end]]></remarks>
    public ImapInput Read(ReadOnlySpan<byte> input, out int consumed)
    {
        consumed = 0;
        while (true)
        {
            if (_literal.Active)
            {
                consumed += _literal.Take(input[consumed..]);
                if (_literal.Active)
                    return NeedMoreData.Instance;
                if (!_skippingCommand)
                    _segments[^1] = _segments[^1] with { Literal = _literal.Collected() };
            }
            var rest = input[consumed..];
            if (_discarding && !OverlongLine.SkipRest(ref rest, ref _discarding, out _))
            {
                consumed = input.Length;
                return NeedMoreData.Instance;
            }
            consumed = input.Length - rest.Length;
            var result = ReadLine(rest, ref consumed);
            if (result is not null)
                return result;
        }
    }

    // One line of the command: null when it announced a literal to collect next.
    private ImapInput? ReadLine(ReadOnlySpan<byte> rest, ref int consumed)
    {
        var limit = Math.Max(0, _maxLine - _lineBytes);
        var start = consumed;
        var scan = ScanLine(rest, limit, ref consumed, out var line);
        if (scan == LineScan.Incomplete)
            return NeedMoreData.Instance;
        if (scan == LineScan.Overlong)
        {
            // Only what fits the limit is looked at, so the tag is the same however the line arrived.
            var tag = CurrentTag(rest[..limit]);
            var wasSkipping = _skippingCommand;
            Reset();
            return wasSkipping ? null : new ErrorInput(tag, LineTooLong);
        }

        var marker = LiteralMarker.Find(line);
        if (_skippingCommand)
        {
            // A refused command goes on through its non-synchronizing literals; a synchronizing
            // one waits for a "+" it will not get, so the command ends there.
            if (marker is { Synchronizing: false } skip)
                _literal.Start(skip.Size, keep: false);
            else
                Reset();
            return null;
        }

        _lineBytes += consumed - start;
        if (marker is not { } m)
        {
            _segments.Add(new CommandSegment(line.ToArray(), null));
            var command = ImapCommandParser.Parse(_segments);
            Reset();
            return command;
        }

        _segments.Add(new CommandSegment(line[..m.Start].ToArray(), null));
        var refusal = Refuse(m);
        if (refusal is not null)
            return refusal;
        _literalBytes += m.Size;
        _literal.Start(m.Size, keep: true);
        // Only a client that is really waiting is asked; one that sent on anyway (or a test
        // feeding a whole dialogue) is not, so the literal is asked for at most once.
        return m.Synchronizing && rest.Length == consumed - start ? ContinuationNeeded.Instance : null;
    }

    // A literal over the limit, or after a line whose tag is unusable: refused before its octets.
    private ImapInput? Refuse(LiteralMarker m)
    {
        var first = _segments[0].Line;
        var tag = ImapReader.ReadTag(first);
        var append = IsAppend(first);
        var limit = append ? _maxLiteral : _maxLine;
        if (tag is not null && m.Size <= limit - _literalBytes)
            return null;
        Reset();
        if (!m.Synchronizing)
        {
            _skippingCommand = true;
            _literal.Start(m.Size, keep: false);
        }
        // Only APPEND carries a message: "NO [TOOBIG] Message too large" would mislead a LOGIN.
        if (tag is null)
            return new ErrorInput(null, "Invalid tag");
        return append ? new LiteralTooLarge(tag, m.Size) : new ErrorInput(tag, LiteralTooLong);
    }

    private string? CurrentTag(ReadOnlySpan<byte> rest) =>
        ImapReader.ReadTag(_segments.Count > 0 ? _segments[0].Line : rest);

    private static bool IsAppend(ReadOnlySpan<byte> line)
    {
        var sp = line.IndexOf((byte)' ');
        if (sp < 0)
            return false;
        var verb = line[(sp + 1)..];
        var end = verb.IndexOf((byte)' ');
        return System.Text.Ascii.EqualsIgnoreCase(end < 0 ? verb : verb[..end], "APPEND"u8);
    }

    private void Reset()
    {
        _segments.Clear();
        _lineBytes = 0;
        _literalBytes = 0;
        _skippingCommand = false;
    }
}
