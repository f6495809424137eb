using System.Globalization;
using Spectre.Console;

namespace Mail.Host.Load;

/// <summary>
/// The live display while a load runs: Spectre.Console's progress bar on a terminal, or with
/// -c plain "N/M done, F failed" lines twice a second (smtp-source's -c counter, made fit for
/// a log file), or nothing. Both only read the shared counters; the sessions never wait for it.
/// </summary>
public static class LoadProgress
{
    public static Func<LoadRun, Task, Task>? For(SourceOptions options, TextWriter lines)
    {
        if (options.Counter)
            return (run, done) => LinesAsync(run, done, lines);
        if (!options.Json && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
            return BarAsync;
        return null;
    }

    private static async Task LinesAsync(LoadRun run, Task done, TextWriter lines)
    {
        while (await Task.WhenAny(done, Task.Delay(500)) != done)
            await lines.WriteLineAsync(Line(run));
        await lines.WriteLineAsync(Line(run));
    }

    public static string Line(LoadRun run) =>
        string.Create(CultureInfo.InvariantCulture, $"{run.Completed}/{run.Options.Messages} done, {run.Failed} failed");

    private static Task BarAsync(LoadRun run, Task done) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var unit = run.Options.Mode == LoadMode.Smtp ? "messages" : "visits";
                var task = ctx.AddTask($"{run.Options.Mode.ToString().ToLowerInvariant()} {unit}", maxValue: run.Options.Messages);
                while (await Task.WhenAny(done, Task.Delay(100)) != done)
                {
                    task.Value = run.Completed;
                    task.Description = $"{run.Completed} {unit}, {run.Failed} failed";
                }
                task.Value = run.Completed;
                task.Description = $"{run.Completed} {unit}, {run.Failed} failed";
            });
}
