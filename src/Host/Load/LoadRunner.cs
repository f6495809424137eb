using System.Diagnostics;

namespace Mail.Host.Load;

/// <summary>
/// Runs one load: min(-s, -m) sessions, each one async loop (no thread per session), started
/// together and timed from the first connect to the last reply. <paramref name="progress"/>
/// is called with the shared run while the sessions work, for the live display.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadReport> RunAsync(SourceOptions options, Func<LoadRun, Task, Task>? progress, CancellationToken ct)
    {
        var run = new LoadRun(options);
        var count = Math.Min(options.Sessions, options.Messages);
        var clock = Stopwatch.StartNew();
        List<SessionStats> stats;
        Task all;
        if (options.Mode == LoadMode.Smtp)
        {
            var sessions = Enumerable.Range(0, count).Select(i => new SmtpSourceSession(run, i)).ToList();
            all = Task.WhenAll(sessions.Select(s => Task.Run(() => s.RunAsync(ct), CancellationToken.None)));
            stats = [.. sessions.Select(s => s.Stats)];
        }
        else
        {
            var sessions = Enumerable.Range(0, count).Select(_ => new MailboxReaderSession(run)).ToList();
            all = Task.WhenAll(sessions.Select(s => Task.Run(() => s.RunAsync(ct), CancellationToken.None)));
            stats = [.. sessions.Select(s => s.Stats)];
        }
        if (progress is not null)
            await progress(run, all);
        await all;
        clock.Stop();
        return SessionStats.Merge(options, stats, clock.Elapsed);
    }
}
