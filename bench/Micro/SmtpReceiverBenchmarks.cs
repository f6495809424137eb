using System.Text;
using BenchmarkDotNet.Attributes;
using Mail.Protocols.Smtp;

namespace Mail.Micro;

/// <summary>
/// One pipelined SMTP transaction as a client that uses PIPELINING sends it (EHLO, then MAIL,
/// RCPT and DATA in one write, then the body and QUIT), fed to <see cref="SmtpReceiver"/> the
/// way the session does: keep what was not consumed, call again until it needs more. The
/// network write is cut in 4 KiB reads, the size a socket read typically returns here.
/// </summary>
[MemoryDiagnoser]
public class SmtpReceiverBenchmarks
{
    private const int ReadSize = 4096;
    private byte[] _dialogue = [];

    [Params(1024, 10240)]
    public int BodySize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder()
            .Append("EHLO client.bench.test\r\n")
            .Append("MAIL FROM:<sender@remote.test> SIZE=").Append(BodySize + 200).Append("\r\n")
            .Append("RCPT TO:<rcpt@bench.test>\r\nDATA\r\n")
            .Append("From: sender@remote.test\r\nTo: rcpt@bench.test\r\nSubject: bench\r\n\r\n");
        var line = new string('x', 78);
        for (var written = 0; written < BodySize; written += 80)
            text.Append(written % 800 == 0 ? "." : "").Append(line).Append("\r\n"); // some dot-stuffed lines
        text.Append(".\r\nQUIT\r\n");
        _dialogue = Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>Returns the number of inputs read, so the work cannot be optimized away.</summary>
    [Benchmark]
    public int PipelinedTransaction()
    {
        var receiver = new SmtpReceiver();
        var pending = new byte[_dialogue.Length + ReadSize];
        int start = 0, end = 0, offered = 0, inputs = 0;
        while (offered < _dialogue.Length || start < end)
        {
            var take = Math.Min(ReadSize, _dialogue.Length - offered);
            _dialogue.AsSpan(offered, take).CopyTo(pending.AsSpan(end));
            offered += take;
            end += take;
            while (true)
            {
                var result = receiver.Read(pending.AsSpan(start, end - start), out var consumed);
                start += consumed;
                if (result is NeedMoreData)
                    break;
                inputs++;
                if (result is CommandInput { Command: Data })
                    receiver.BeginData(); // the session's 354
            }
            if (take == 0)
                break;
        }
        return inputs;
    }
}
