using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Akka.Actor;
using Mail.Actors.Connections;

namespace Mail.Actors.Tests.Support;

/// <summary>
/// The session's socket, without a socket: every Send is recorded as text and also told to
/// <see cref="Replies"/> (a TestProbe), so tests read the dialogue step by step with
/// ExpectMsg and a timeout. ReadMore, Close and StartTls are only counted.
/// </summary>
public sealed class RecordingConnection(IActorRef replies, IPEndPoint? remote = null, bool isSecure = false) : IConnection
{
    public static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 40000);
    public static readonly IPEndPoint Internet = new(IPAddress.Parse("192.0.2.10"), 40000);

    private readonly ConcurrentQueue<string> _sent = new();
    private int _readMore;
    private int _closed;
    private int _startTls;

    public IPEndPoint Remote { get; } = remote ?? Loopback;

    public IPEndPoint Local { get; } = new(IPAddress.Loopback, 25);

    public bool IsSecure { get; set; } = isSecure;

    /// Off by default, so that dialogues without TLS see the EHLO reply they always saw.
    public bool CanStartTls { get; set; }

    public int StartTlsCalls => Volatile.Read(ref _startTls);

    public IReadOnlyList<string> Sent => [.. _sent];

    public int ReadMoreCalls => Volatile.Read(ref _readMore);

    public int CloseCalls => Volatile.Read(ref _closed);

    public void Send(ReadOnlyMemory<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.Span);
        _sent.Enqueue(text);
        replies.Tell(text);
    }

    public void ReadMore() => Interlocked.Increment(ref _readMore);

    public void Close() => Interlocked.Increment(ref _closed);

    /// Records the request; the test plays the pump and tells the session TlsEstablished or TlsFailed.
    public void StartTls()
    {
        CanStartTls = false;
        Interlocked.Increment(ref _startTls);
    }
}
