namespace Mail.Actors.Connections;

/// <summary>
/// Bytes received but not yet consumed by a protocol receiver. Receivers consume what they
/// can and leave partial lines here until the next chunk arrives.
/// </summary>
public sealed class InputBuffer
{
    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;

    public ReadOnlySpan<byte> Pending => _buffer.AsSpan(_start, _end - _start);

    public int Count => _end - _start;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_start == _end)
            _start = _end = 0;
        if (_end + bytes.Length > _buffer.Length)
        {
            var live = _end - _start;
            if (live + bytes.Length > _buffer.Length)
            {
                var bigger = new byte[Math.Max(_buffer.Length * 2, live + bytes.Length)];
                Buffer.BlockCopy(_buffer, _start, bigger, 0, live);
                _buffer = bigger;
            }
            else
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, live);
            }
            _start = 0;
            _end = live;
        }
        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += bytes.Length;
    }

    public void Consume(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _end - _start);
        _start += count;
    }
}
