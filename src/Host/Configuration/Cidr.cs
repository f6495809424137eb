using System.Net;
using System.Net.Sockets;

namespace Mail.Host.Configuration;

/// <summary>A network in CIDR notation ("127.0.0.0/8", "::1/128"); a bare address is a /32 or /128.</summary>
public sealed record Cidr(IPAddress Network, int PrefixLength)
{
    public static Cidr Parse(string text, string setting)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length > 2 || !IPAddress.TryParse(parts[0], out var address))
            throw new ConfigException($"{setting}: '{text}' is not a network like 192.0.2.0/24");
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (parts.Length == 2 && (!int.TryParse(parts[1], out prefix) || prefix < 0 || prefix > max))
            throw new ConfigException($"{setting}: '{text}' has an invalid prefix length");
        return new Cidr(address, prefix);
    }

    public bool Contains(IPAddress candidate)
    {
        if (candidate.IsIPv4MappedToIPv6)
            candidate = candidate.MapToIPv4();
        if (candidate.AddressFamily != Network.AddressFamily)
            return false;
        var a = Network.GetAddressBytes();
        var b = candidate.GetAddressBytes();
        var bits = PrefixLength;
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (b[i] & mask))
                return false;
        }
        return true;
    }

    public override string ToString() => $"{Network}/{PrefixLength}";
}
