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
            Duration(c, "queue.minimal-backoff-time"),
            Duration(c, "queue.maximal-backoff-time"),
            Duration(c, "queue.maximal-queue-lifetime"),
            Duration(c, "queue.bounce-queue-lifetime"),
            Duration(c, "queue.delay-warning-time", allowZero: true));
        if (schedule.MaximalBackoff < schedule.MinimalBackoff)
            throw new ConfigException("maild.queue.maximal-backoff-time: must not be shorter than minimal-backoff-time");
        return new QueueSettings(
            schedule,
            (int)Positive(c, "queue.active-limit"),
            Positive(c, "queue.bounce-size-limit"),
            Duration(c, "queue.attempt-timeout"),
            (int)Positive(c, "queue.shards"));
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
        var initial = (int)Positive(c, "delivery.initial-destination-concurrency");
        var limit = (int)Positive(c, "delivery.destination-concurrency-limit");
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
            DnsTimeout = Duration(c, "delivery.dns-timeout"),
            ConnectTimeout = Duration(c, "delivery.connect-timeout"),
            CommandTimeout = Duration(c, "delivery.command-timeout"),
            DestinationConcurrency = limit,
            InitialConcurrency = Math.Min(initial, limit),
            ConnectionReuseTime = Duration(c, "delivery.connection-cache-time"),
            MaxReuse = (int)Positive(c, "delivery.connection-reuse-limit"),
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

    internal static long Positive(Config c, string key)
    {
        long value;
        try
        {
            value = c.GetLong(key);
        }
        catch (Exception)
        {
            throw new ConfigException($"maild.{key}: '{c.GetString(key)}' is not a number");
        }
        return value > 0 ? value : throw new ConfigException($"maild.{key}: must be greater than 0");
    }

    internal static TimeSpan Duration(Config c, string key, bool allowZero = false)
    {
        TimeSpan value;
        try
        {
            value = c.GetTimeSpan(key);
        }
        catch (Exception)
        {
            throw new ConfigException($"maild.{key}: '{c.GetString(key)}' is not a duration like 30s or 5m");
        }
        return value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero)
            ? value
            : throw new ConfigException($"maild.{key}: must be longer than 0s");
    }
}
