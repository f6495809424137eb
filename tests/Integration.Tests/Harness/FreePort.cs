using System.Net;
using System.Net.Sockets;

namespace Mail.Integration.Tests.Harness;

/// <summary>
/// A loopback port nobody listens on right now (maddy's <c>t.Port</c>): bind port 0, read what
/// the kernel chose, release it. Never a fixed port, so parallel test classes cannot collide.
/// </summary>
public static class FreePort
{
    // The kernel may hand the same port to two calls in a row once the first is released: never
    // give one out twice in this process (a server got the same port for SMTP and POP3S once).
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            lock (Given)
            {
                if (Given.Add(port))
                    return port;
            }
        }
    }
}
