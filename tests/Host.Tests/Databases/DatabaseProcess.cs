using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mail.Tests.Databases;

/// <summary>
/// What the PostgreSQL and MariaDB fixtures share: running the server's tools (as another OS
/// user when the tests run as root, which neither server accepts as its owner), a free
/// loopback port and a scratch folder that the server's user owns.
/// </summary>
internal static class DatabaseProcess
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs <paramref name="file"/> to completion, as <paramref name="runAs"/> when we are root;
    /// fails with its output when it exits non-zero.</summary>
    public static string Run(string file, IEnumerable<string> arguments, string? runAs = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(runAs is not null && IsRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null && IsRoot)
            foreach (var a in new[] { "-u", runAs, "--", file }) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        // Read both pipes concurrently: a full stderr pipe would block the child.
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Fails the test run (never skips) when a server binary is missing: CI installs them.</summary>
    public static void Require(string path, string package)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"{path} is missing: install the {package} package (apt-get install {package}); these tests need a real server");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A fresh folder under /tmp that <paramref name="owner"/> may write (short: socket paths are limited to 107 bytes).</summary>
    public static string ScratchFolder(string prefix, string owner)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        System.IO.Directory.CreateDirectory(folder);
        if (IsRoot) Run("chown", ["-R", $"{owner}:{owner}", folder]);
        return folder;
    }

    public static void DeleteFolder(string folder)
    {
        try { System.IO.Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
