using Akka.Configuration;
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
