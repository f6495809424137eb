namespace Mail.Actors.Queue;

/// The `maild.queue` block of mail.conf.
public sealed record QueueSettings(
    RetrySchedule Schedule,
    int ActiveLimit,
    long BounceSizeLimit,
    TimeSpan AttemptTimeout,
    int Shards)
{
    public static QueueSettings Defaults { get; } = new(RetrySchedule.Defaults, 20_000, 50_000, TimeSpan.FromMinutes(30), 100);
}
