using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Mail.Tests.Shared;

/// <summary>One transaction as the scripted server saw it: the raw MAIL and RCPT lines (with
/// their parameters), the dot-unstuffed DATA bytes, and whether it came over TLS.</summary>
public sealed record ReceivedMessage(string MailFrom, IReadOnlyList<string> RcptTo, byte[] Data, bool Tls = false)
{
    public string Text => Encoding.UTF8.GetString(Data);
}

/// <summary>
/// A loopback SMTP server whose replies a test scripts: greeting, EHLO keywords, a reply per
/// RCPT address, the reply to the end of DATA. Commands are read one line at a time and
/// answered in order, so a pipelining client (MailKit sends MAIL and all RCPTs together when
/// PIPELINING is offered) gets its replies in the right order. It records every transaction
/// and counts connections (total and most at once) to show reuse and concurrency limits.
///
/// STARTTLS (RFC 3207) when <see cref="OfferStartTls"/> is on and a <see cref="Certificate"/> is
/// set: "220", the TLS handshake (1.2 or 1.3), then the session starts over (the client must
/// EHLO again, and anything it pipelined behind STARTTLS in plain text is thrown away), and
/// STARTTLS is no longer offered. <see cref="StartTlsReply"/> and <see cref="BreakTlsHandshake"/>
/// script the ways it can go wrong.
/// BCL only, so every test project can compile it in.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private int _connections;
    private int _current;
    private int _maxConcurrent;

    public ScriptedSmtpServer(IPAddress? address = null)
    {
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Greeting { get; set; } = "220 mx.test ESMTP scripted";

    /// EHLO keywords after the greeting line; add "DSN" to speak RFC 3461.
    public List<string> EhloKeywords { get; } = ["PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES"];

    public string MailReply { get; set; } = "250 2.1.0 Ok";

    public string DefaultRcptReply { get; set; } = "250 2.1.5 Ok";

    /// Reply to RCPT by bare address (case-insensitive); others get <see cref="DefaultRcptReply"/>.
    public ConcurrentDictionary<string, string> RcptReplies { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string DataReply { get; set; } = "250 2.0.0 Ok: queued as SCRIPTED";

    /// Awaited before the reply to the end of DATA (to hold transactions open).
    public Func<Task>? BeforeDataReply { get; set; }

    public ConcurrentQueue<ReceivedMessage> Messages { get; } = new();

    /// Server certificate for STARTTLS; must carry its private key (see <see cref="TestCertificates"/>).
    public X509Certificate2? Certificate { get; set; }

    /// Advertise STARTTLS in the EHLO reply (before TLS only). Needs <see cref="Certificate"/>
    /// unless <see cref="StartTlsReply"/> is scripted to refuse.
    public bool OfferStartTls { get; set; }

    /// Reply to STARTTLS; anything but 220 refuses it and the session goes on in plain text.
    public string StartTlsReply { get; set; } = "220 2.0.0 Ready to start TLS";

    /// After the 220, send plain-text garbage instead of a ServerHello and hang up.
    public bool BreakTlsHandshake { get; set; }

    /// STARTTLS commands received so far.
    public int StartTlsCommands => Volatile.Read(ref _startTlsCommands);

    /// Completed TLS handshakes so far.
    public int TlsSessions => Volatile.Read(ref _tlsSessions);

    /// The SNI host name of each completed handshake (empty when the client sent none).
    public ConcurrentQueue<string> TlsServerNames { get; } = new();

    private int _startTlsCommands;
    private int _tlsSessions;

    /// Connections accepted so far.
    public int Connections => Volatile.Read(ref _connections);

    /// Connections open right now.
    public int CurrentConnections => Volatile.Read(ref _current);

    /// The most connections that were open at the same time.
    public int MaxConcurrentConnections => Volatile.Read(ref _maxConcurrent);

    /// Transactions in DATA waiting for <see cref="BeforeDataReply"/>.
    public int WaitingInData => Volatile.Read(ref _waitingInData);

    private int _waitingInData;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var client in _clients)
            client.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            _clients.Add(client);
            Interlocked.Increment(ref _connections);
            var now = Interlocked.Increment(ref _current);
            int max;
            while (now > (max = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, now, max) != max)
            {
            }
            _ = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(client);
                }
                catch (Exception)
                {
                    // Client went away or we are stopping.
                }
                finally
                {
                    Interlocked.Decrement(ref _current);
                    client.Dispose();
                }
            });
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        Stream stream = client.GetStream();
        var reader = new LineReader(stream);
        var ct = _stop.Token;
        await Reply(stream, Greeting, ct);
        if (!Greeting.StartsWith('2'))
        {
            // Stay for QUIT like a real server, but nothing else.
            while (await reader.ReadLineAsync(ct) is { } line && !line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase))
                await Reply(stream, "503 5.5.1 Go away", ct);
            await Reply(stream, "221 2.0.0 Bye", ct);
            return;
        }

        string? mailFrom = null;
        var rcpts = new List<string>();
        var accepted = 0;
        var greeted = false;
        var tls = false;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
            if (line.Equals("STARTTLS", StringComparison.OrdinalIgnoreCase))
                verb = "STARTTLS";
            switch (verb)
            {
                case "EHLO":
                    greeted = true;
                    var lines = new List<string> { "mx.test" };
                    lines.AddRange(EhloKeywords);
                    if (OfferStartTls && !tls)
                        lines.Add("STARTTLS");
                    await Reply(stream, string.Concat(lines.Select((l, i) => $"250{(i == lines.Count - 1 ? ' ' : '-')}{l}\r\n")).TrimEnd('\r', '\n'), ct);
                    break;
                case "HELO":
                    greeted = true;
                    await Reply(stream, "250 mx.test", ct);
                    break;
                case "STARTTLS":
                    Interlocked.Increment(ref _startTlsCommands);
                    if (tls || !OfferStartTls)
                    {
                        await Reply(stream, tls ? "554 5.5.1 Error: TLS already active" : "502 5.5.1 Error: command not implemented", ct);
                        break;
                    }
                    await Reply(stream, StartTlsReply, ct);
                    if (!StartTlsReply.StartsWith('2'))
                        break;
                    if (BreakTlsHandshake)
                    {
                        await Reply(stream, "this is not a TLS ServerHello", ct);
                        return;
                    }
                    stream = await StartTlsAsync(stream, ct);
                    // RFC 3207 4.2: forget everything, including plain text pipelined behind STARTTLS.
                    reader = new LineReader(stream);
                    tls = true;
                    greeted = false;
                    mailFrom = null;
                    rcpts.Clear();
                    accepted = 0;
                    break;
                case "MAIL" when !greeted:
                    await Reply(stream, "503 5.5.1 Error: send HELO/EHLO first", ct);
                    break;
                case "MAIL":
                    mailFrom = line;
                    rcpts.Clear();
                    accepted = 0;
                    await Reply(stream, MailReply, ct);
                    if (!MailReply.StartsWith('2'))
                        mailFrom = null;
                    break;
                case "RCPT":
                    rcpts.Add(line);
                    var reply = RcptReplies.TryGetValue(AddressOf(line), out var scripted) ? scripted : DefaultRcptReply;
                    if (reply.StartsWith('2'))
                        accepted++;
                    await Reply(stream, reply, ct);
                    break;
                case "DATA":
                    if (mailFrom is null || accepted == 0)
                    {
                        await Reply(stream, "554 5.5.1 Error: no valid recipients", ct);
                        break;
                    }
                    await Reply(stream, "354 End data with <CR><LF>.<CR><LF>", ct);
                    var data = await reader.ReadDataAsync(ct);
                    Messages.Enqueue(new ReceivedMessage(mailFrom, [.. rcpts], data, tls));
                    if (BeforeDataReply is { } gate)
                    {
                        Interlocked.Increment(ref _waitingInData);
                        try
                        {
                            await gate();
                        }
                        finally
                        {
                            Interlocked.Decrement(ref _waitingInData);
                        }
                    }
                    await Reply(stream, DataReply, ct);
                    mailFrom = null;
                    rcpts.Clear();
                    break;
                case "RSET":
                    mailFrom = null;
                    rcpts.Clear();
                    await Reply(stream, "250 2.0.0 Ok", ct);
                    break;
                case "NOOP":
                    await Reply(stream, "250 2.0.0 Ok", ct);
                    break;
                case "QUIT":
                    await Reply(stream, "221 2.0.0 Bye", ct);
                    return;
                default:
                    await Reply(stream, "502 5.5.2 Error: command not recognized", ct);
                    break;
            }
        }
    }

    private static string AddressOf(string line)
    {
        var start = line.IndexOf('<');
        var end = line.IndexOf('>', start + 1);
        return start >= 0 && end > start ? line[(start + 1)..end] : line;
    }

    private async Task<Stream> StartTlsAsync(Stream plain, CancellationToken ct)
    {
        var certificate = Certificate ?? throw new InvalidOperationException("OfferStartTls needs a Certificate");
        var ssl = new SslStream(plain, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsServerAsync(
            new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateRequired = false,
            },
            ct);
        Interlocked.Increment(ref _tlsSessions);
        TlsServerNames.Enqueue(ssl.TargetHostName);
        return ssl;
    }

    private static async Task Reply(Stream stream, string reply, CancellationToken ct) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), ct);

    /// Byte-exact line reader: a command line, or the DATA section up to "." (unstuffed).
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken ct) =>
            await ReadRawLineAsync(ct) is { } line ? Encoding.UTF8.GetString(line, 0, line.Length - 2) : null;

        public async Task<byte[]> ReadDataAsync(CancellationToken ct)
        {
            var data = new MemoryStream();
            while (await ReadRawLineAsync(ct) is { } line)
            {
                if (line.Length == 3 && line[0] == '.')
                    return data.ToArray();
                var skip = line[0] == '.' ? 1 : 0;
                data.Write(line, skip, line.Length - skip);
            }
            throw new EndOfStreamException("connection closed in DATA");
        }

        /// One line including its CRLF, or null at end of stream.
        private async Task<byte[]?> ReadRawLineAsync(CancellationToken ct)
        {
            var line = new MemoryStream();
            while (true)
            {
                for (var i = _start; i < _end; i++)
                {
                    if (_buffer[i] == '\n' && (i > _start ? _buffer[i - 1] == '\r' : line.Length > 0 && line.GetBuffer()[line.Length - 1] == '\r'))
                    {
                        line.Write(_buffer, _start, i + 1 - _start);
                        _start = i + 1;
                        return line.ToArray();
                    }
                }
                line.Write(_buffer, _start, _end - _start);
                _start = _end = 0;
                var read = await stream.ReadAsync(_buffer, ct);
                if (read == 0)
                    return null;
                _end = read;
            }
        }
    }
}
