using System.Net;
using System.Net.Sockets;

namespace Mail.Integration.Tests.Harness;

/// <summary>
/// A loopback port nobody listens on right now (maddy's <c>t.Port</c>): bind port 0, read what
/// the kernel chose, release it. Never a fixed port, so parallel test classes cannot collide.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
