using Mail.Actors.Metrics;

namespace Mail.Host.Management;

/// <summary>
/// `maild stats`: rates from counter snapshots. The management endpoint keeps a snapshot every
/// few seconds for a little over a minute (<see cref="Record"/>), so "last minute" is the
/// difference to the oldest snapshot at most a minute old: no per-event timestamps, no
/// allocation on the mail path. Thread-safe: the timer writes, requests read.
/// </summary>
public sealed class MailRates
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Queue<MailCounterSnapshot> _history = new();
    private readonly Lock _lock = new();

    public void Record(MailCounterSnapshot snapshot)
    {
        lock (_lock)
        {
            _history.Enqueue(snapshot);
            while (_history.Count > 1 && snapshot.At - _history.Peek().At > Window + TimeSpan.FromSeconds(10))
                _history.Dequeue();
        }
    }

    public StatsView Stats(MailCounterSnapshot now, DateTimeOffset since)
    {
        MailCounterSnapshot? minuteAgo;
        lock (_lock)
            minuteAgo = _history.FirstOrDefault(s => now.At - s.At <= Window);
        return Compute(now, since, minuteAgo);
    }

    /// <param name="minuteAgo">The oldest snapshot within the last minute; null: none yet, the rate since start is used.</param>
    public static StatsView Compute(MailCounterSnapshot now, DateTimeOffset since, MailCounterSnapshot? minuteAgo)
    {
        var sinceStart = Math.Max((now.At - since).TotalSeconds, 1);
        var counters = now.Values.Select(kv =>
        {
            var total = kv.Value;
            var perSecond = total / sinceStart;
            var lastMinute = perSecond;
            if (minuteAgo is not null && now.At - minuteAgo.At >= TimeSpan.FromSeconds(1))
                lastMinute = (total - minuteAgo.Values.GetValueOrDefault(kv.Key)) / (now.At - minuteAgo.At).TotalSeconds;
            return new CounterView(kv.Key, total, perSecond, lastMinute);
        }).ToArray();
        return new StatsView(since, now.At, counters);
    }
}
