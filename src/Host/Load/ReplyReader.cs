using System.Buffers.Text;

namespace Mail.Host.Load;

/// <summary>
/// Buffered line reading for the client side of SMTP, POP3 and IMAP: a line is handed out as
/// a slice of the reader's own buffer (valid until the next call), so reading replies
/// allocates nothing. A TCP read is never taken for a line: lines are cut at LF wherever the
/// reads end. The stream can be swapped after STARTTLS, when nothing is buffered.
/// </summary>
public sealed class ReplyReader(Stream stream)
{
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public Stream Stream { get; set; } = stream;

    public bool HasBuffered => _end > _start;

    /// The next line without its CRLF (or bare LF). Lines longer than 1 MiB are a protocol error.
    public async ValueTask<ReadOnlyMemory<byte>> ReadLineAsync(CancellationToken ct)
    {
        var scanned = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned + newline;
                var line = _buffer.AsMemory(_start, length > 0 && _buffer[_start + length - 1] == '\r' ? length - 1 : length);
                _start += length + 1;
                return line;
            }
            scanned = _end - _start;
            await FillAsync(ct);
        }
    }

    /// Reads one SMTP reply (all its "250-" continuation lines) and returns its code;
    /// <paramref name="line"/> sees every line, for EHLO's keywords.
    public async ValueTask<int> ReadSmtpReplyAsync(CancellationToken ct, Action<ReadOnlyMemory<byte>>? line = null)
    {
        while (true)
        {
            var text = await ReadLineAsync(ct);
            if (text.Length < 3 || !Utf8Parser.TryParse(text.Span[..3], out int code, out var used) || used != 3 || code < 200 || code > 599)
                throw new IOException("malformed SMTP reply");
            line?.Invoke(text.Length > 4 ? text[4..] : ReadOnlyMemory<byte>.Empty);
            if (text.Length == 3 || text.Span[3] == (byte)' ')
                return code;
            if (text.Span[3] != (byte)'-')
                throw new IOException("malformed SMTP reply");
        }
    }

    /// Skips <paramref name="count"/> bytes (an IMAP literal), buffered or not.
    public async ValueTask SkipAsync(long count, CancellationToken ct)
    {
        while (count > 0)
        {
            if (!HasBuffered)
                await FillAsync(ct);
            var n = (int)Math.Min(count, _end - _start);
            _start += n;
            count -= n;
        }
    }

    private async ValueTask FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= 1024 * 1024)
                throw new IOException("reply line too long");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = await Stream.ReadAsync(_buffer.AsMemory(_end), ct);
        if (read == 0)
            throw new EndOfStreamException("server closed the connection");
        _end += read;
    }
}
