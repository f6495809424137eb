using Mail.Host.Load;
using Xunit;

namespace Mail.Host.Tests.Load;

/// Nearest-rank percentiles: the smallest sample with at least p% of the samples at or below it.
public sealed class PercentilesTests
{
    [Fact]
    public void One_to_a_hundred_gives_the_percentile_itself()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();
        var summary = Percentiles.Summarize(samples);
        Assert.Equal(new LatencySummary(100, 50, 95, 99, 100), summary);
    }

    [Theory]
    [InlineData(new double[] { 7 }, 50, 7)]
    [InlineData(new double[] { 7 }, 99, 7)]
    [InlineData(new double[] { 1, 2 }, 50, 1)]
    [InlineData(new double[] { 1, 2 }, 51, 2)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 95, 10)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 90, 9)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0, 1)]
    public void Nearest_rank_on_small_sets(double[] sorted, double percent, double expected) =>
        Assert.Equal(expected, Percentiles.Of(sorted, percent));

    [Fact]
    public void No_samples_give_zeros()
    {
        Assert.Equal(LatencySummary.Empty, Percentiles.Summarize([]));
        Assert.Equal(0, Percentiles.Of([], 50));
    }

    [Fact]
    public void A_slow_tail_shows_in_p99_and_not_in_p50()
    {
        var samples = Enumerable.Repeat(1.0, 985).Concat(Enumerable.Repeat(500.0, 15)).ToArray();
        var summary = Percentiles.Summarize(samples);
        Assert.Equal((1.0, 500.0, 500.0), (summary.P50, summary.P99, summary.Max));
        Assert.Equal(1.0, summary.P95);
    }
}
