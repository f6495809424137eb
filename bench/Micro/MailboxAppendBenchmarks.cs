using BenchmarkDotNet.Attributes;
using Mail.Actors.Mailbox;

namespace Mail.Micro;

/// <summary>
/// The mailbox journal's batching decision: <see cref="MailboxState.DecideAppends"/> for a batch
/// of deliveries (the mailbox actor persists one batch per journal write), into a mailbox that
/// already holds 10,000 messages, as a busy INBOX does.
/// </summary>
[MemoryDiagnoser]
public class MailboxAppendBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private MailboxState _state = MailboxState.Empty;
    private AppendToMailbox[] _batch = [];

    [Params(1, 10, 100)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (events, _) = MailboxState.Empty.DecideAppends(Commands("old", 10_000), Now);
        _state = events.Aggregate(MailboxState.Empty, (s, e) => s.Apply(e));
        _batch = Commands("new", BatchSize);
    }

    [Benchmark]
    public int DecideAppends() => _state.DecideAppends(_batch, Now).Events.Count;

    /// <summary>Deciding and applying: what the actor does per batch before the journal write returns.</summary>
    [Benchmark]
    public MailboxState DecideAndApply()
    {
        var (events, _) = _state.DecideAppends(_batch, Now);
        var state = _state;
        foreach (var e in events)
            state = state.Apply(e);
        return state;
    }

    private static AppendToMailbox[] Commands(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new AppendToMailbox("bench", $"{prefix}{i}", $"blob-{prefix}{i}", 2048, Now))];
}
