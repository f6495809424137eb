using Akka.Configuration;

namespace Mail.Host.Configuration;

/// Typed reads of `maild.*` values that stop the start with one line naming the setting.
internal static class ConfigValues
{
    public static long Positive(Config c, string key)
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

    public static TimeSpan Duration(Config c, string key, bool allowZero = false)
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
