using System.Net.Sockets;
using Mail.Host.Configuration;

namespace Mail.Host.Network;

/// <summary>
/// Binds every configured listener before anything else starts, so that "port in use" or
/// "permission denied" is one clear line and a non-zero exit, not a half-started server.
/// </summary>
public static class Binder
{
    public static Socket Bind(ListenAddress address, string service)
    {
        var socket = new Socket(address.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // SO_REUSEADDR alone, so a restart can bind while old connections sit in TIME_WAIT. Not
            // .NET's ReuseAddress option: on Linux it also sets SO_REUSEPORT, which let a second
            // listener (another maild, or two services configured on one port) bind the same port
            // and silently take half of its connections.
            if (OperatingSystem.IsLinux())
                socket.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
            else
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (address.Address.AddressFamily == AddressFamily.InterNetworkV6)
                socket.DualMode = false; // "[::]:25" means IPv6 only; list "0.0.0.0:25" as well for IPv4.
            socket.Bind(address.EndPoint);
            socket.Listen(1024);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var why = e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => "address already in use",
                SocketError.AccessDenied => address.Port < 1024
                    ? "permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)"
                    : "permission denied",
                SocketError.AddressNotAvailable => "address not available on this machine",
                _ => e.Message,
            };
            throw new ConfigException($"cannot listen on {address} ({service}): {why}");
        }
    }
}
