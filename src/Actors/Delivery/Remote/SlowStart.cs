namespace Mail.Actors.Delivery.Remote;

/// <summary>
/// The per-destination concurrency window of Postfix's qmgr, simplified: start at
/// initial_destination_concurrency, one more after each delivery that went through, one less
/// (never below 1) after a connection-level failure, never above the destination limit.
/// </summary>
public readonly record struct SlowStart(int Window, int Limit)
{
    public static SlowStart Begin(int initial, int limit) =>
        new(Math.Clamp(initial, 1, Math.Max(1, limit)), Math.Max(1, limit));

    public SlowStart Success() => this with { Window = Math.Min(Window + 1, Limit) };

    public SlowStart Failure() => this with { Window = Math.Max(Window - 1, 1) };
}
