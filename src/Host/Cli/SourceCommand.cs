using System.CommandLine;
using System.Runtime.InteropServices;
using Mail.Host.Load;

namespace Mail.Host.Cli;

/// <summary>
/// `maild source`: a load generator with smtp-source(1)'s options and meaning, plus TLS, AUTH
/// and POP3/IMAP reader loads (see <see cref="SourceCommandLine"/>). It is a client only and
/// needs no configuration. Exit status: 0 when every message got 250 (every visit ended OK),
/// 1 otherwise, including a command line that names an impossible load.
/// </summary>
public static class SourceCommand
{
    public static Command Create()
    {
        var line = new SourceCommandLine();
        var command = line.ToCommand();
        command.SetAction((r, ct) => RunAsync(line, r, ct));
        return command;
    }

    private static async Task<int> RunAsync(SourceCommandLine line, ParseResult result, CancellationToken ct)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        SourceOptions options;
        try
        {
            options = line.Read(result);
        }
        catch (SourceUsageException e)
        {
            await error.WriteLineAsync($"maild source: {e.Message}");
            return 1;
        }
        // Ctrl-C or SIGTERM ends the load early but still prints the summary of what was done,
        // like smtp-source's counter would show; the root command does not handle signals itself.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        // With --json, stdout carries the one object alone; -c lines go to stderr.
        var progress = LoadProgress.For(options, options.Json ? error : output);
        var report = await LoadRunner.RunAsync(options, progress, stop.Token);
        await output.WriteAsync(options.Json ? ReportFormatter.Json(report) : ReportFormatter.Text(report));
        return report.AllSucceeded && !stop.IsCancellationRequested ? 0 : 1;
    }
}
