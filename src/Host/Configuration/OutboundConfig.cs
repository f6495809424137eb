using Akka.Configuration;
using System.Net;
using Mail.Actors.Delivery.Remote;
using Mail.Actors.Queue;

namespace Mail.Host.Configuration;

/// Reads the `maild.queue` and `maild.delivery` blocks (the outbound side).
public static class OutboundConfig
{
    public static QueueSettings Queue(Config c)
    {
        var schedule = new RetrySchedule(
            ConfigValues.Duration(c, "queue.minimal-backoff-time"),
            ConfigValues.Duration(c, "queue.maximal-backoff-time"),
            ConfigValues.Duration(c, "queue.maximal-queue-lifetime"),
            ConfigValues.Duration(c, "queue.bounce-queue-lifetime"),
            ConfigValues.Duration(c, "queue.delay-warning-time", allowZero: true));
        if (schedule.MaximalBackoff < schedule.MinimalBackoff)
            throw new ConfigException("maild.queue.maximal-backoff-time: must not be shorter than minimal-backoff-time");
        return new QueueSettings(
            schedule,
            (int)ConfigValues.Positive(c, "queue.active-limit"),
            ConfigValues.Positive(c, "queue.bounce-size-limit"),
            ConfigValues.Duration(c, "queue.attempt-timeout"),
            (int)ConfigValues.Positive(c, "queue.shards"));
    }

    public static RemoteDeliverySettings Delivery(Config c, string hostname)
    {
        var port = c.GetInt("delivery.smtp-port");
        if (port is < 1 or > 65535)
            throw new ConfigException($"maild.delivery.smtp-port: {port} is not a port");
        var dns = c.GetStringList("delivery.dns-servers").Select(text =>
            IPEndPoint.TryParse(text, out var ep) && ep.Port != 0
                ? ep
                : throw new ConfigException($"maild.delivery.dns-servers: '{text}' is not address:port (e.g. 127.0.0.1:53)")).ToArray();
        var initial = (int)ConfigValues.Positive(c, "delivery.initial-destination-concurrency");
        var limit = (int)ConfigValues.Positive(c, "delivery.destination-concurrency-limit");
        var perDomain = new Dictionary<string, TlsPolicy>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in c.GetStringList("delivery.tls-policy"))
        {
            var parts = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
                throw new ConfigException($"maild.delivery.tls-policy: '{entry}' is not \"domain level\"");
            perDomain[parts[0].TrimEnd('.')] = Tls(parts[1], "maild.delivery.tls-policy");
        }
        return RemoteDeliverySettings.Defaults(hostname) with
        {
            DnsServers = dns,
            SmtpPort = port,
            DnsTimeout = ConfigValues.Duration(c, "delivery.dns-timeout"),
            ConnectTimeout = ConfigValues.Duration(c, "delivery.connect-timeout"),
            CommandTimeout = ConfigValues.Duration(c, "delivery.command-timeout"),
            DestinationConcurrency = limit,
            InitialConcurrency = Math.Min(initial, limit),
            ConnectionReuseTime = ConfigValues.Duration(c, "delivery.connection-cache-time"),
            MaxReuse = (int)ConfigValues.Positive(c, "delivery.connection-reuse-limit"),
            TlsPolicy = Tls(c.GetString("delivery.tls-security-level"), "maild.delivery.tls-security-level"),
            PerDestinationTls = perDomain,
        };
    }

    private static TlsPolicy Tls(string text, string setting) => text switch
    {
        "none" => TlsPolicy.None,
        "may" => TlsPolicy.May,
        "encrypt" => TlsPolicy.Encrypt,
        "verify" => TlsPolicy.Verify,
        _ => throw new ConfigException($"{setting}: '{text}' is not none, may, encrypt or verify"),
    };
}
