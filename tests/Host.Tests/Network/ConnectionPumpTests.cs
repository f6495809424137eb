using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Mail.Host.Network;
using Xunit;

namespace Mail.Tests.Network;

/// <summary>
/// The pump's output path over real loopback sockets: replies go straight to the socket while
/// the writer is idle, and whatever the kernel does not take at once (a peer that is not
/// reading) is queued for the writer; either way the peer must see every byte, in order.
/// </summary>
public sealed class ConnectionPumpTests
{
    [Fact]
    public async Task Replies_larger_than_the_socket_buffers_arrive_whole_and_in_order_behind_and_ahead_of_small_ones()
    {
        var (client, server) = await ConnectedPair();
        using var _ = client;
        var pump = new ConnectionPump(server);
        var running = pump.RunAsync(ActorRefs.Nobody);

        // The peer reads nothing yet: the first big reply fills the kernel's buffers, so part of it,
        // and everything after it, must wait in the writer's queue.
        byte[][] replies = [Pattern(1, 100), Pattern(2, 8 << 20), Pattern(3, 1000), Pattern(4, 3 << 20), Pattern(5, 7)];
        foreach (var reply in replies)
            pump.Send(reply);
        pump.Close();

        var received = await ReadToEnd(client);
        Assert.Equal(replies.SelectMany(r => r).ToArray(), received);
        await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Small_replies_to_a_reading_peer_arrive_in_order_and_a_send_after_close_is_dropped()
    {
        var (client, server) = await ConnectedPair();
        using var _ = client;
        var pump = new ConnectionPump(server);
        var running = pump.RunAsync(ActorRefs.Nobody);
        var expected = new List<byte>();
        for (var i = 0; i < 500; i++)
        {
            var line = System.Text.Encoding.ASCII.GetBytes($"250 line {i}\r\n");
            pump.Send(line);
            expected.AddRange(line);
        }
        pump.Close();
        pump.Send("after close\r\n"u8.ToArray());

        Assert.Equal(expected.ToArray(), await ReadToEnd(client));
        await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    private static byte[] Pattern(byte seed, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = (byte)(seed * 31 + i % 251);
        return bytes;
    }

    private static async Task<byte[]> ReadToEnd(Socket socket)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (n == 0)
                return all.ToArray();
            all.Write(buffer, 0, n);
        }
    }

    private static async Task<(Socket Client, Socket Server)> ConnectedPair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accepting = listener.AcceptAsync();
        await client.ConnectAsync(listener.LocalEndPoint!);
        return (client, await accepting);
    }
}
