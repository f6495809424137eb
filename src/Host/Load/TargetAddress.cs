using System.Globalization;

namespace Mail.Host.Load;

/// smtp-source's positional server: <c>[inet:]host[:port]</c>, with <c>[v6address]:port</c> for IPv6.
public static class TargetAddress
{
    public static (string Host, int? Port) Parse(string text)
    {
        var value = text.StartsWith("inet:", StringComparison.OrdinalIgnoreCase) ? text[5..] : text;
        if (value.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
            throw new SourceUsageException("unix: sockets are not supported; give host[:port]");
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']');
            if (close < 2)
                throw new SourceUsageException($"bad address '{text}'");
            var rest = value[(close + 1)..];
            var host = value[1..close];
            return rest.Length == 0 ? (host, null) : rest[0] == ':' ? (host, Port(rest[1..], text)) : throw new SourceUsageException($"bad address '{text}'");
        }
        var colon = value.LastIndexOf(':');
        // More than one colon without brackets is a bare IPv6 address: no port in it.
        if (colon < 0 || value.IndexOf(':') != colon)
            return value.Length > 0 ? (value, null) : throw new SourceUsageException($"bad address '{text}'");
        if (colon == 0)
            throw new SourceUsageException($"bad address '{text}'");
        return (value[..colon], Port(value[(colon + 1)..], text));
    }

    /// The registered port of each protocol, with or without TLS from the first byte.
    public static int DefaultPort(LoadMode mode, LoadSecurity security) => (mode, security == LoadSecurity.ImplicitTls) switch
    {
        (LoadMode.Smtp, false) => 25,
        (LoadMode.Smtp, true) => 465,
        (LoadMode.Pop3, false) => 110,
        (LoadMode.Pop3, true) => 995,
        (LoadMode.Imap, false) => 143,
        _ => 993,
    };

    private static int Port(string text, string whole) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : text == "smtp" ? 25 : throw new SourceUsageException($"bad port in '{whole}'");
}
