using System.Globalization;
using System.Net;

namespace Mail.Host.Configuration;

/// <summary>One "address:port" from a listen list: "0.0.0.0:25", "[::1]:110", "localhost:2525".</summary>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    public IPEndPoint EndPoint => new(Address, Port);

    public override string ToString() => EndPoint.ToString();

    public static ListenAddress Parse(string text, string setting)
    {
        var trimmed = text.Trim();
        var colon = trimmed.LastIndexOf(':');
        if (colon <= 0 || colon == trimmed.Length - 1)
            throw new ConfigException($"{setting}: '{text}' is not address:port (e.g. 0.0.0.0:25 or [::1]:25)");
        var host = trimmed[..colon].Trim('[', ']');
        if (!int.TryParse(trimmed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            throw new ConfigException($"{setting}: '{text}' has no valid port (0-65535)");
        IPAddress address;
        if (host == "localhost")
            address = IPAddress.Loopback;
        else if (host is "*" or "")
            address = IPAddress.Any;
        else if (!IPAddress.TryParse(host, out address!))
            throw new ConfigException($"{setting}: '{host}' is not an IP address");
        return new ListenAddress(address, port);
    }
}
