using System.Text;

namespace Mail.Integration.Tests.Harness;

/// <summary>
/// CRLF line reading over a stream that also hands out raw bytes (POP3 multi-line bodies must
/// be compared byte for byte, so no StreamReader decoding in between).
/// </summary>
internal sealed class LineReader(Stream stream, TimeSpan timeout)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// One line without its CRLF, as UTF-8 text; null at end of stream.
    public async Task<string?> ReadLineAsync()
    {
        var bytes = await ReadLineBytesAsync();
        return bytes is null ? null : Encoding.UTF8.GetString(bytes.AsSpan(0, bytes.Length - 2));
    }

    /// One line including its CRLF; null at end of stream.
    public async Task<byte[]?> ReadLineBytesAsync()
    {
        var line = new MemoryStream();
        while (true)
        {
            for (var i = _start; i < _end; i++)
            {
                if (_buffer[i] != (byte)'\n' || (i == _start ? line.Length == 0 || line.GetBuffer()[line.Length - 1] != '\r' : _buffer[i - 1] != '\r'))
                    continue;
                line.Write(_buffer, _start, i + 1 - _start);
                _start = i + 1;
                return line.ToArray();
            }
            line.Write(_buffer, _start, _end - _start);
            _start = _end = 0;
            using var cts = new CancellationTokenSource(timeout);
            int n;
            try
            {
                n = await stream.ReadAsync(_buffer, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no complete line within {timeout} (partial: '{Encoding.UTF8.GetString(line.ToArray())}')");
            }
            if (n == 0)
                return null;
            _end = n;
        }
    }
}
