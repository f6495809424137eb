namespace Mail.Actors.Metrics;

/// <summary>
/// The node's mail counters, as Postfix's logs let pflogsumm count them: messages accepted
/// (250 after DATA/BDAT), recipients delivered, deferred and bounced (each attempt's outcome),
/// RCPTs rejected. Static because every counting point is one line in an actor that has no
/// other reason to know about metrics; a process is one node, so a static is the node's count.
/// Counters only grow (Prometheus "counter" semantics); they restart at zero with the process.
/// </summary>
public static class MailMetrics
{
    /// When the process started counting: rates "since start" divide by the time since.
    public static DateTimeOffset Since { get; } = DateTimeOffset.UtcNow;

    /// Messages answered 250 after DATA/BDAT.
    public static MailCounter Accepted { get; } = new("accepted", "Messages accepted with 250 after DATA or BDAT");

    /// Recipients delivered: to a mailbox at commit, or by a queue attempt (local or remote).
    public static MailCounter Delivered { get; } = new("delivered", "Recipients delivered (mailbox or remote server)");

    /// Recipients whose delivery attempt failed temporarily.
    public static MailCounter Deferred { get; } = new("deferred", "Delivery attempts deferred (temporary failure)");

    /// Recipients that failed for good (a DSN goes to the sender).
    public static MailCounter Bounced { get; } = new("bounced", "Recipients bounced (permanent failure or expired)");

    /// RCPT TO commands refused (unknown user, relay denied, access rules).
    public static MailCounter Rejected { get; } = new("rejected", "RCPT commands rejected");

    public static IReadOnlyList<MailCounter> All { get; } = [Accepted, Delivered, Deferred, Bounced, Rejected];

    /// One delivery attempt's outcomes, as the queue records them.
    public static void Count(IEnumerable<Delivery.RecipientOutcome> outcomes)
    {
        foreach (var o in outcomes)
        {
            var counter = o.Status switch
            {
                Delivery.DeliveryStatus.Delivered => Delivered,
                Delivery.DeliveryStatus.Deferred => Deferred,
                _ => Bounced,
            };
            counter.Increment();
        }
    }

    /// Every counter's value now, in the order of <see cref="All"/>.
    public static MailCounterSnapshot Snapshot() =>
        new(DateTimeOffset.UtcNow, All.ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal));
}

/// A counter safe to bump from any actor's thread.
public sealed class MailCounter(string name, string help)
{
    private long _value;

    public string Name { get; } = name;

    public string Help { get; } = help;

    public long Value => Interlocked.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);

    public void Add(long n)
    {
        if (n > 0)
            Interlocked.Add(ref _value, n);
    }
}

/// Counter values at one moment.
public sealed record MailCounterSnapshot(DateTimeOffset At, IReadOnlyDictionary<string, long> Values);
