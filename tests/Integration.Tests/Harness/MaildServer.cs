using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Mail.Integration.Tests.Harness;

/// <summary>
/// The real maild process (`dotnet maild.dll serve --config FILE`) on free loopback ports, with
/// its own temporary data folder. Everything it prints goes to <see cref="LogPath"/> (and is
/// kept in memory), so that a failing test can show what the server said. Restarts reuse the
/// data folder and the ports: that is what the crash and shutdown tests are about.
/// </summary>
public sealed class MaildServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _log = new();
    private readonly Lock _logLock = new();
    private Process? _process;
    private int _generation;

    private MaildServer(string root, MaildOptions options)
    {
        Root = root;
        DataDir = Path.Combine(root, "data");
        ConfigPath = Path.Combine(root, "maild.conf");
        LogPath = Path.Combine(root, "maild.log");
        SmtpPort = options.SmtpPort ?? FreePort.Next();
        Pop3Port = FreePort.Next();
        ManagementPort = FreePort.Next();
        SubmissionPort = FreePort.Next();
        SmtpsPort = FreePort.Next();
        ImapPort = FreePort.Next();
        ImapsPort = FreePort.Next();
        Pop3sPort = FreePort.Next();
        File.WriteAllText(ConfigPath, MaildOptions.BaseConfig + options.Config);
        _environment = new Dictionary<string, string>
        {
            ["MAILD_DATA_DIR"] = DataDir,
            ["MAILD_SMTP_LISTEN"] = $"127.0.0.1:{SmtpPort}",
            ["MAILD_POP3_LISTEN"] = $"127.0.0.1:{Pop3Port}",
            ["MAILD_SUBMISSION_LISTEN"] = $"127.0.0.1:{SubmissionPort}",
            ["MAILD_SMTPS_LISTEN"] = $"127.0.0.1:{SmtpsPort}",
            ["MAILD_IMAP_LISTEN"] = $"127.0.0.1:{ImapPort}",
            ["MAILD_IMAPS_LISTEN"] = $"127.0.0.1:{ImapsPort}",
            ["MAILD_POP3S_LISTEN"] = $"127.0.0.1:{Pop3sPort}",
            ["MAILD_MANAGEMENT_LISTEN"] = $"127.0.0.1:{ManagementPort}",
            ["MAILD_HOSTNAME"] = MaildOptions.Hostname,
            ["MAILD_DOMAINS"] = MaildOptions.Domain,
            ["MAILD_CLUSTER_HOSTNAME"] = "127.0.0.1",
            ["MAILD_CLUSTER_PORT"] = "0",
        };
        // "{smtp}", "{pop3}", "{management}", "{submission}", "{smtps}" and "{pop3s}" stand for the ports picked for this server.
        foreach (var (k, v) in options.Environment)
            _environment[k] = v.Replace("{smtp}", SmtpPort.ToString()).Replace("{pop3}", Pop3Port.ToString()).Replace("{management}", ManagementPort.ToString())
                .Replace("{submission}", SubmissionPort.ToString()).Replace("{smtps}", SmtpsPort.ToString()).Replace("{pop3s}", Pop3sPort.ToString());
    }

    /// The temporary folder holding data/, maild.conf and maild.log.
    public string Root { get; }

    public string DataDir { get; }

    public string SpoolDir => Path.Combine(DataDir, "spool");

    public string ConfigPath { get; }

    public string LogPath { get; }

    public int SmtpPort { get; }

    public int Pop3Port { get; }

    public int ManagementPort { get; }

    /// Message submission (port 587 in production): STARTTLS, session marked as submission.
    public int SubmissionPort { get; }

    /// Implicit TLS (port 465 in production).
    public int SmtpsPort { get; }

    /// IMAP with STARTTLS, and IMAP over implicit TLS.
    public int ImapPort { get; }

    public int ImapsPort { get; }
    /// POP3 over implicit TLS (port 995 in production).
    public int Pop3sPort { get; }

    public IReadOnlyDictionary<string, string> Environment => _environment;

    public int? ProcessId => _process?.Id;

    public bool IsRunning => _process is { HasExited: false };

    /// Everything the server printed so far, across restarts.
    public string Log
    {
        get
        {
            lock (_logLock)
                return _log.ToString();
        }
    }

    /// Starts maild and returns once its SMTP port answers 220.
    public static async Task<MaildServer> StartAsync(MaildOptions? options = null)
    {
        options ??= new MaildOptions();
        // FreePort hands out a port that is free now; another test's server may take it before
        // this one binds. That start fails with "address in use": try again on fresh ports
        // (only when the test did not fix a port itself).
        for (var attempt = 1; ; attempt++)
        {
            var root = Path.Combine(Path.GetTempPath(), "maild-it-" + Guid.NewGuid().ToString("N")[..12]);
            System.IO.Directory.CreateDirectory(root);
            var server = new MaildServer(root, options);
            try
            {
                foreach (var (address, password) in options.Users)
                    await server.AddUserAsync(address, password);
                await server.LaunchAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && options.SmtpPort is null
                && server.Log.Contains("in use", StringComparison.OrdinalIgnoreCase))
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// Same data folder, same ports, same environment. The previous process must have exited.
    public async Task RestartAsync()
    {
        if (IsRunning)
            throw new InvalidOperationException("maild is still running; stop or kill it first");
        await LaunchAsync();
    }

    /// SIGKILL: no shutdown hooks, no flush, exactly like a power cut for the process.
    public void Kill9()
    {
        var process = _process ?? throw new InvalidOperationException("maild is not running");
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
        AppendLog($"---- harness: SIGKILL sent to pid {process.Id} ----");
    }

    /// Sends SIGTERM without waiting, for tests that watch what happens during the shutdown.
    public void SendSigterm()
    {
        var process = _process ?? throw new InvalidOperationException("maild is not running");
        AppendLog($"---- harness: SIGTERM sent to pid {process.Id} ----");
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -TERM {process.Id} failed with {kill.ExitCode}");
    }

    /// SIGTERM, then waits for the process to exit; returns its exit code.
    public async Task<int> StopAsync()
    {
        SendSigterm();
        return await WaitForExitAsync(StopTimeout);
    }

    /// Waits for the process to exit on its own (an upper bound, not a measurement).
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("maild was never started");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"maild did not exit within {timeout}; killed.\n{Tail()}");
        }
        AppendLog($"---- harness: pid {process.Id} exited with {process.ExitCode} ----");
        return process.ExitCode;
    }

    /// Runs a CLI verb (`maild user add ...`) against this server's data folder and config.
    public async Task<CliResult> RunCliAsync(params string[] args) =>
        await MaildBinary.RunAsync(_environment, Root, TimeSpan.FromSeconds(60), [.. args, "--config", ConfigPath]);

    public CliResult RunCli(params string[] args) => RunCliAsync(args).GetAwaiter().GetResult();

    /// `maild user add`, failing loudly if the CLI does.
    public async Task AddUserAsync(string address, string password)
    {
        var result = await RunCliAsync("user", "add", address, "--password", password);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"maild user add {address} failed: {result}");
    }

    /// The last part of the log, for exception messages and failed tests.
    public string Tail(int maxChars = 20_000)
    {
        var log = Log;
        return log.Length <= maxChars ? log : "...\n" + log[^maxChars..];
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            await p.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
        if (System.Environment.GetEnvironmentVariable("MAILD_IT_KEEP") is null)
        {
            try
            {
                System.IO.Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a dying process: the temp folder gets cleaned up later anyway.
            }
        }
    }

    private async Task LaunchAsync()
    {
        _process?.Dispose();
        var generation = ++_generation;
        AppendLog($"---- harness: start #{generation}: dotnet {MaildBinary.DllPath} serve --config {ConfigPath} (smtp {SmtpPort}, pop3 {Pop3Port}) ----");
        var process = new Process { StartInfo = MaildBinary.StartInfo(_environment, ["serve", "--config", ConfigPath], Root) };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                AppendLog(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                AppendLog("[stderr] " + e.Data);
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(process);
    }

    /// Ready means a client gets the 220 greeting: the socket is bound before the actor system
    /// is up, and accepting starts only once the node is Up.
    private async Task WaitUntilReadyAsync(Process process)
    {
        using var overall = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"maild exited with {process.ExitCode} before it was ready.\n{Tail()}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", SmtpPort, overall.Token);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                var line = await reader.ReadLineAsync(overall.Token);
                if (line is not null && line.StartsWith("220 ", StringComparison.Ordinal))
                {
                    await client.GetStream().WriteAsync("QUIT\r\n"u8.ToArray(), overall.Token);
                    return;
                }
            }
            catch (SocketException)
            {
                // Not bound yet.
            }
            catch (IOException)
            {
                // Accepted and dropped during start-up; try again.
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw new TimeoutException($"maild did not greet on port {SmtpPort} within {StartTimeout}.\n{Tail()}");
            }
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private void AppendLog(string line)
    {
        lock (_logLock)
        {
            _log.Append(line).Append('\n');
            File.AppendAllText(LogPath, line + "\n");
        }
    }
}
