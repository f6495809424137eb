using System.Diagnostics;
using System.Text;

namespace Mail.Integration.Tests.Harness;

/// Output of one finished maild run (a CLI verb, or a `serve` that refused to start).
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// Where the real maild.dll is and how to start it: `dotnet maild.dll ...` with an environment
/// that contains exactly the MAILD_* variables the test chose (none inherited from the shell).
/// </summary>
public static class MaildBinary
{
    /// The project references src/Host, so maild.dll and its runtimeconfig/deps are copied here.
    public static string DllPath { get; } = Locate();

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, IEnumerable<string> args, string workingDirectory)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(DllPath);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MAILD_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        foreach (var (key, value) in environment)
            psi.Environment[key] = value;
        return psi;
    }

    /// Runs maild to completion; a run that outlives the timeout is killed and reported as a failure.
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args, workingDirectory))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"maild {string.Join(' ', args)} did not exit within {timeout}\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "maild.dll");
        if (File.Exists(here))
            return here;
        // Fallback: the Host project's own output for the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Parent?.Name ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Host", "bin", configuration, "net10.0", "maild.dll");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"maild.dll is neither in {AppContext.BaseDirectory} nor in src/Host/bin/{configuration}/net10.0");
    }
}
