using System.Collections.Concurrent;
using System.Net;

namespace Mail.Actors.Connections;

/// <summary>
/// Failed logins per client address, shared by every session of a node (Postfix's anvil for
/// AUTH, Dovecot's auth penalty): after <see cref="Limit"/> failures within <see cref="Window"/>
/// an address may not try again until the window has passed. Forgetting is lazy (on the next
/// look at that address), and the table is swept when it grows, so it cannot grow without bound.
/// </summary>
public sealed class AuthFailures(int limit = 10, TimeSpan? window = null)
{
    private const int SweepAbove = 10_000;
    private readonly ConcurrentDictionary<IPAddress, (int Count, DateTimeOffset Since)> _failures = new();

    public int Limit { get; } = limit;

    public TimeSpan Window { get; } = window ?? TimeSpan.FromMinutes(10);

    public bool IsBlocked(IPAddress client, DateTimeOffset now) =>
        _failures.TryGetValue(client, out var f) && now - f.Since < Window && f.Count >= Limit;

    public void Record(IPAddress client, DateTimeOffset now)
    {
        _failures.AddOrUpdate(client, (1, now), (_, f) => now - f.Since >= Window ? (1, now) : (f.Count + 1, f.Since));
        if (_failures.Count > SweepAbove)
        {
            foreach (var (ip, f) in _failures)
            {
                if (now - f.Since >= Window)
                    _failures.TryRemove(ip, out _);
            }
        }
    }
}
