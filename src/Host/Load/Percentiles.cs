namespace Mail.Host.Load;

/// Latency percentiles in milliseconds, from every sample of a run.
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0);
}

/// <summary>
/// Nearest-rank percentiles over a sorted array: the p-th percentile is the smallest sample
/// with at least p% of the samples at or below it. A run records at most a few hundred
/// thousand samples (8 bytes each), so keeping them all and sorting once is exact and
/// cheaper than a histogram library.
/// </summary>
public static class Percentiles
{
    public static double Of(ReadOnlySpan<double> sorted, double percent)
    {
        if (sorted.IsEmpty)
            return 0;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// Sorts <paramref name="milliseconds"/> in place.
    public static LatencySummary Summarize(double[] milliseconds)
    {
        if (milliseconds.Length == 0)
            return LatencySummary.Empty;
        Array.Sort(milliseconds);
        return new LatencySummary(milliseconds.Length, Of(milliseconds, 50), Of(milliseconds, 95), Of(milliseconds, 99), milliseconds[^1]);
    }
}
