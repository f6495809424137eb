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
        // The peer reads nothing until the close: the first big reply fills the kernel's buffers,
        // so part of it, and everything after it, must wait in the writer's queue.
        byte[][] replies = [Pattern(1, 100), Pattern(2, 8 << 20), Pattern(3, 1000), Pattern(4, 3 << 20), Pattern(5, 7)];

        var received = await SendThenClose(replies);

        Assert.Equal(replies.SelectMany(r => r).ToArray(), received);
    }

    [Fact]
    public async Task Small_replies_arrive_in_order_and_a_send_after_close_is_dropped()
    {
        var lines = Enumerable.Range(0, 500).Select(i => System.Text.Encoding.ASCII.GetBytes($"250 line {i}\r\n")).ToArray();

        var received = await SendThenClose(lines, afterClose: "after close\r\n"u8.ToArray());

        Assert.Equal(lines.SelectMany(l => l).ToArray(), received);
    }

    // Sends the replies through a pump on a fresh loopback connection, closes it, and returns
    // what the peer read until the end; the pump must also finish.
    private static async Task<byte[]> SendThenClose(IEnumerable<byte[]> replies, byte[]? afterClose = null)
    {
        var (client, server) = await Loopback.ConnectedPair();
        using var _ = client;
        var pump = new ConnectionPump(server);
        var running = pump.RunAsync(ActorRefs.Nobody);
        foreach (var reply in replies)
            pump.Send(reply);
        pump.Close();
        if (afterClose is not null)
            pump.Send(afterClose);
        var received = await Loopback.ReadToEnd(client);
        await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return received;
    }

    private static byte[] Pattern(byte seed, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = (byte)(seed * 31 + i % 251);
        return bytes;
    }
}
