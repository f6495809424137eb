using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mail.Tests.Shared;

/// <summary>
/// A tiny authoritative DNS server on 127.0.0.1 (UDP, port chosen by the OS) answering from a
/// table filled in code, so tests never ask a real resolver. Knows MX (including the RFC 7505
/// null MX "."), A and AAAA; unknown names get NXDOMAIN (or an empty NOERROR when
/// <see cref="NxDomainForUnknown"/> is off), names marked with <see cref="ServFail"/> get
/// SERVFAIL. Answers are RFC 1035 wire format: the question echoed, answer names as a
/// compression pointer to it. BCL only, so every test project can compile it in.
/// </summary>
public sealed class DnsResponder : IDisposable
{
    private const ushort TypeA = 1;
    private const ushort TypeMx = 15;
    private const ushort TypeAaaa = 28;

    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, List<(ushort Type, byte[] Data)>> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _servFail = new(StringComparer.OrdinalIgnoreCase);
    private int _queries;

    public DnsResponder()
    {
        EndPoint = (IPEndPoint)_udp.Client.LocalEndPoint!;
        _ = Task.Run(ServeAsync);
    }

    public IPEndPoint EndPoint { get; }

    public bool NxDomainForUnknown { get; set; } = true;

    public uint Ttl { get; set; } = 60;

    /// Queries answered so far (to prove caching).
    public int Queries => Volatile.Read(ref _queries);

    public DnsResponder AddMx(string domain, int preference, string exchange)
    {
        var data = new List<byte> { (byte)(preference >> 8), (byte)preference };
        data.AddRange(EncodeName(exchange));
        return Add(domain, TypeMx, [.. data]);
    }

    /// RFC 7505: "MX 0 ." — the domain accepts no mail.
    public DnsResponder AddNullMx(string domain) => AddMx(domain, 0, ".");

    public DnsResponder AddA(string name, params string[] addresses)
    {
        foreach (var address in addresses)
            Add(name, TypeA, IPAddress.Parse(address).GetAddressBytes());
        return this;
    }

    public DnsResponder AddAaaa(string name, params string[] addresses)
    {
        foreach (var address in addresses)
            Add(name, TypeAaaa, IPAddress.Parse(address).GetAddressBytes());
        return this;
    }

    /// The name exists but has no records (NOERROR, no data), even with NxDomainForUnknown.
    public DnsResponder AddName(string name)
    {
        _records.GetOrAdd(Normalize(name), _ => []);
        return this;
    }

    public DnsResponder ServFail(string name)
    {
        _servFail[Normalize(name)] = true;
        return this;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
    }

    private DnsResponder Add(string name, ushort type, byte[] data)
    {
        var list = _records.GetOrAdd(Normalize(name), _ => []);
        lock (list)
            list.Add((type, data));
        return this;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult packet;
            try
            {
                packet = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // ICMP port unreachable from an earlier reply; keep serving
            }
            Interlocked.Increment(ref _queries);
            if (Answer(packet.Buffer) is { } reply)
            {
                try
                {
                    await _udp.SendAsync(reply, packet.RemoteEndPoint, _stop.Token);
                }
                catch (Exception) when (!_stop.IsCancellationRequested)
                {
                    // The client went away; nothing to do.
                }
                catch (Exception)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Builds the response to one query, or null for garbage.</summary>
    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)) != 1)
            return null;
        var position = 12;
        var labels = new List<string>();
        while (position < query.Length && query[position] != 0)
        {
            int length = query[position];
            if (length > 63 || position + 1 + length > query.Length)
                return null;
            labels.Add(Encoding.ASCII.GetString(query, position + 1, length));
            position += 1 + length;
        }
        var questionEnd = position + 1 + 4;
        if (questionEnd > query.Length)
            return null;
        var qtype = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(position + 1));
        var name = Normalize(string.Join('.', labels));

        byte rcode = 0;
        var answers = new List<byte[]>();
        if (_servFail.ContainsKey(name))
            rcode = 2;
        else if (_records.TryGetValue(name, out var records))
        {
            lock (records)
                answers.AddRange(records.Where(r => r.Type == qtype).Select(r => r.Data));
        }
        else if (NxDomainForUnknown)
            rcode = 3;

        var reply = new List<byte>();
        reply.AddRange(query.AsSpan(0, 2).ToArray());                  // id
        var recursionDesired = (byte)(query[2] & 0x01);
        reply.Add((byte)(0x80 | (query[2] & 0x78) | 0x04 | recursionDesired)); // QR, opcode, AA, RD
        reply.Add((byte)(0x80 | rcode));                                  // RA, rcode
        AddUInt16(reply, 1);
        AddUInt16(reply, (ushort)answers.Count);
        AddUInt16(reply, 0);
        AddUInt16(reply, 0);
        reply.AddRange(query.AsSpan(12, questionEnd - 12).ToArray());
        foreach (var data in answers)
        {
            reply.Add(0xC0);                                              // pointer to the question name
            reply.Add(12);
            AddUInt16(reply, qtype);
            AddUInt16(reply, 1);                                          // IN
            reply.Add((byte)(Ttl >> 24));
            reply.Add((byte)(Ttl >> 16));
            reply.Add((byte)(Ttl >> 8));
            reply.Add((byte)Ttl);
            AddUInt16(reply, (ushort)data.Length);
            reply.AddRange(data);
        }
        return [.. reply];
    }

    private static void AddUInt16(List<byte> bytes, ushort value)
    {
        bytes.Add((byte)(value >> 8));
        bytes.Add((byte)value);
    }

    private static byte[] EncodeName(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in Normalize(name).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var ascii = Encoding.ASCII.GetBytes(label);
            bytes.Add((byte)ascii.Length);
            bytes.AddRange(ascii);
        }
        bytes.Add(0);
        return [.. bytes];
    }

    private static string Normalize(string name) => name.TrimEnd('.').ToLowerInvariant();
}
