using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Mail.Tests.Network;

/// Real sockets on 127.0.0.1 for the network tests.
internal static class Loopback
{
    /// A listening socket on 127.0.0.1 with a port of the kernel's choosing.
    public static Socket Listen(int backlog = 16)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(backlog);
        return listener;
    }

    public static async Task<Socket> Connect(EndPoint endpoint)
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(endpoint, TestContext.Current.CancellationToken);
        return client;
    }

    public static async Task<(Socket Client, Socket Server)> ConnectedPair()
    {
        using var listener = Listen(1);
        var accepting = listener.AcceptAsync(TestContext.Current.CancellationToken);
        var client = await Connect(listener.LocalEndPoint!);
        return (client, await accepting);
    }

    /// Everything the peer sends until it closes; a peer that never closes fails the test after 30 s.
    public static async Task<byte[]> ReadToEnd(Socket socket)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (n == 0)
                return all.ToArray();
            all.Write(buffer, 0, n);
        }
    }
}
