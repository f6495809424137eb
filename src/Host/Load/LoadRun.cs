using System.Diagnostics;

namespace Mail.Host.Load;

/// <summary>
/// What the sessions of one run share: the count of operations left (each session takes the
/// next with one atomic decrement, so -m is exact however many sessions run), -N's sequence,
/// and running totals for the progress display. Everything else a session keeps in its own
/// <see cref="SessionStats"/>, merged once at the end, so the hot path never contends.
/// </summary>
public sealed class LoadRun(SourceOptions options)
{
    private long _left = options.Messages;
    private long _unique;
    private long _completed;
    private long _failed;

    public SourceOptions Options { get; } = options;

    public MessageTemplate Template { get; } = new(options);

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    /// The next operation's number (0-based), or false when -m are taken.
    public bool TryTake(out long number)
    {
        number = Options.Messages - Interlocked.Decrement(ref _left) - 1;
        return number < Options.Messages;
    }

    public long NextUnique() => Interlocked.Increment(ref _unique);

    public void Done(bool ok)
    {
        Interlocked.Increment(ref _completed);
        if (!ok)
            Interlocked.Increment(ref _failed);
    }
}

/// One session's own tally: replies by outcome, latencies of successful operations, fetches.
public sealed class SessionStats
{
    public const string ConnectionError = "connection-error";

    public List<double> LatenciesMs { get; } = [];

    public Dictionary<string, long> Replies { get; } = [];

    public long ConnectionErrors { get; private set; }

    public long Succeeded { get; private set; }

    public long FetchedMessages { get; set; }

    public long FetchedBytes { get; set; }

    public string? FirstError { get; private set; }

    public void Success(string reply, long startTimestamp)
    {
        Succeeded++;
        LatenciesMs.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);
        Count(reply);
    }

    public void Failure(string reply) => Count(reply);

    public void Broken(Exception e)
    {
        ConnectionErrors++;
        FirstError ??= $"{e.GetType().Name}: {e.Message}";
    }

    private void Count(string reply) => Replies[reply] = Replies.GetValueOrDefault(reply) + 1;

    public static LoadReport Merge(SourceOptions options, IReadOnlyList<SessionStats> sessions, TimeSpan elapsed)
    {
        var replies = new Dictionary<string, long>();
        foreach (var (reply, count) in sessions.SelectMany(s => s.Replies))
            replies[reply] = replies.GetValueOrDefault(reply) + count;
        var succeeded = sessions.Sum(s => s.Succeeded);
        var errors = sessions.Sum(s => s.ConnectionErrors);
        return new LoadReport
        {
            Mode = options.Mode,
            Sessions = sessions.Count,
            Operations = replies.Values.Sum() + errors,
            Succeeded = succeeded,
            Seconds = elapsed.TotalSeconds,
            Latency = Percentiles.Summarize([.. sessions.SelectMany(s => s.LatenciesMs)]),
            Replies = replies,
            ConnectionErrors = errors,
            FetchedMessages = sessions.Sum(s => s.FetchedMessages),
            FetchedBytes = sessions.Sum(s => s.FetchedBytes),
            FirstConnectionError = sessions.Select(s => s.FirstError).FirstOrDefault(e => e is not null),
        };
    }
}
