namespace Mail.Actors.Queue;

/// <summary>
/// When to try a deferred message again and when to give up, as Postfix's qmgr does: the wait
/// is the time the message has spent in the queue so far, clamped between the minimal and the
/// maximal backoff, so a young message is retried soon and an old one rarely.
/// </summary>
public sealed record RetrySchedule(
    TimeSpan MinimalBackoff,
    TimeSpan MaximalBackoff,
    TimeSpan MaximalLifetime,
    TimeSpan BounceLifetime,
    TimeSpan DelayWarning)
{
    /// Postfix's defaults: 300 s .. 4000 s, 5 days for mail and for bounces, no delay warnings.
    public static RetrySchedule Defaults { get; } = new(
        TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(4000), TimeSpan.FromDays(5), TimeSpan.FromDays(5), TimeSpan.Zero);

    public DateTimeOffset NextAttempt(DateTimeOffset arrival, DateTimeOffset now)
    {
        var age = now - arrival;
        var wait = age < MinimalBackoff ? MinimalBackoff : age > MaximalBackoff ? MaximalBackoff : age;
        return now + wait;
    }

    /// A bounce (null sender) has its own, usually shorter, lifetime (Postfix bounce_queue_lifetime).
    public bool Expired(DateTimeOffset arrival, string sender, DateTimeOffset now) =>
        now - arrival >= (sender.Length == 0 ? BounceLifetime : MaximalLifetime);

    public DateTimeOffset GiveUpAt(DateTimeOffset arrival, string sender) =>
        arrival + (sender.Length == 0 ? BounceLifetime : MaximalLifetime);

    public bool DelayWarningDue(DateTimeOffset arrival, DateTimeOffset now) =>
        DelayWarning > TimeSpan.Zero && now - arrival >= DelayWarning;
}
