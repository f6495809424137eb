using Mail.Actors.Metrics;
using Mail.Host.Management;
using Xunit;

namespace Mail.Host.Tests.Management;

/// `maild stats` rates: since start, and over the last minute from the kept snapshots.
public sealed class MailRatesTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static MailCounterSnapshot At(double seconds, long accepted) =>
        new(Start.AddSeconds(seconds), new Dictionary<string, long> { ["accepted"] = accepted });

    [Fact]
    public void Since_start_divides_by_the_uptime()
    {
        var stats = MailRates.Compute(At(100, 50), Start, null);

        var accepted = Assert.Single(stats.Counters);
        Assert.Equal(("accepted", 50L, 0.5), (accepted.Name, accepted.Total, accepted.PerSecondSinceStart));
        Assert.Equal(0.5, accepted.PerSecondLastMinute); // no history yet: the long-run rate
    }

    [Fact]
    public void Last_minute_uses_the_oldest_snapshot_within_the_minute()
    {
        var rates = new MailRates();
        rates.Record(At(0, 0));
        rates.Record(At(30, 0));   // more than a minute before "now": ignored
        rates.Record(At(45, 100));
        rates.Record(At(90, 160));

        var stats = rates.Stats(At(105, 220), Start);

        var accepted = Assert.Single(stats.Counters);
        Assert.Equal(2.0, accepted.PerSecondLastMinute, 3); // (220 - 100) / 60s
        Assert.Equal(220 / 105.0, accepted.PerSecondSinceStart, 3);
    }

    [Fact]
    public void Old_snapshots_are_dropped()
    {
        var rates = new MailRates();
        for (var s = 0; s <= 600; s += 5)
            rates.Record(At(s, s));

        var stats = rates.Stats(At(600, 600), Start);

        Assert.Equal(1.0, Assert.Single(stats.Counters).PerSecondLastMinute, 3);
    }

    [Fact]
    public void Counters_count_from_any_thread()
    {
        var counter = new MailCounter("test", "help");

        Parallel.For(0, 10_000, _ => counter.Increment());
        counter.Add(-5); // counters never go down

        Assert.Equal(10_000, counter.Value);
    }
}
