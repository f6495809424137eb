using System.Text;

namespace Mail.Actors.Smtp;

/// <summary>
/// Postfix cleanup(8) for mail submitted by users: a message without Message-ID or Date gets
/// them (RFC 5322 3.6 requires Date; Message-ID SHOULD be there, and replies thread on it).
/// The client's data streams through; only its header block is held back until its end is
/// seen, because whether a field is missing is known only then. A header block larger than
/// <see cref="MaxHeld"/> is passed on untouched (nothing is ever dropped or reordered).
/// </summary>
public sealed class SubmissionCleanup(string messageId, DateTimeOffset date)
{
    /// Header blocks bigger than this are not held back (and get no added fields).
    public const int MaxHeld = 256 * 1024;

    private readonly MemoryStream _held = new();
    private bool _passing;
    private bool _hasMessageId;
    private bool _hasDate;
    private bool _atLineStart = true;
    private readonly StringBuilder _fieldName = new();
    private bool _inFieldName = true;

    /// <summary>Feeds client data; returns what may be written now (empty while the header block is held).</summary>
    public ReadOnlyMemory<byte> Feed(ReadOnlySpan<byte> data)
    {
        if (_passing)
            return data.ToArray();
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (_atLineStart && (b == (byte)'\r' || b == (byte)'\n'))
            {
                // The empty line that ends the header block (CRLF, or a bare LF): release
                // everything, with our fields first.
                _held.Write(data[..i]);
                return _held.Length > MaxHeld ? PassUntouched(data[i..]) : Release(data[i..]);
            }
            if (_atLineStart)
            {
                _inFieldName = b != (byte)' ' && b != (byte)'\t';
                _fieldName.Clear();
            }
            _atLineStart = b == (byte)'\n';
            if (_inFieldName)
            {
                if (b == (byte)':')
                {
                    Seen(_fieldName.ToString());
                    _inFieldName = false;
                }
                else if (b is not ((byte)'\r' or (byte)'\n'))
                    _fieldName.Append((char)b);
            }
        }
        _held.Write(data);
        return _held.Length <= MaxHeld ? ReadOnlyMemory<byte>.Empty : PassUntouched([]);
    }

    private ReadOnlyMemory<byte> PassUntouched(ReadOnlySpan<byte> rest)
    {
        _passing = true;
        _held.Write(rest);
        var all = _held.ToArray();
        _held.SetLength(0);
        return all;
    }

    /// <summary>At the end of the data: whatever is still held (a message that is all headers gets the fields too).</summary>
    public ReadOnlyMemory<byte> Finish() => _passing ? ReadOnlyMemory<byte>.Empty : Release([]);

    private void Seen(string name)
    {
        if (name.Equals("Message-ID", StringComparison.OrdinalIgnoreCase))
            _hasMessageId = true;
        else if (name.Equals("Date", StringComparison.OrdinalIgnoreCase))
            _hasDate = true;
    }

    private ReadOnlyMemory<byte> Release(ReadOnlySpan<byte> rest)
    {
        _passing = true;
        var output = new MemoryStream((int)_held.Length + rest.Length + 128);
        if (!_hasMessageId)
            output.Write(Encoding.ASCII.GetBytes($"Message-ID: <{messageId}>\r\n"));
        if (!_hasDate)
            output.Write(Encoding.ASCII.GetBytes($"Date: {TraceHeaders.Rfc5322Date(date)}\r\n"));
        _held.WriteTo(output);
        output.Write(rest);
        _held.SetLength(0);
        return output.ToArray();
    }
}
