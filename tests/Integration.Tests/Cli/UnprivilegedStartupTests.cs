using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Cli;

/// <summary>
/// Start-up as an ordinary user: port 25 cannot be bound and a read-only data folder cannot be
/// used; both must be one clear line and exit 78. When the tests run as root, maild is started
/// as "nobody" through setpriv(1) so the kernel really refuses.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnprivilegedStartupTests : MaildTestBase, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("maild-unpriv-").FullName;

    public UnprivilegedStartupTests() => File.SetUnixFileMode(_root, (UnixFileMode)0b111_111_111);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<CliResult> ServeAsUnprivileged(Dictionary<string, string> environment)
    {
        environment["HOME"] = _root; // dotnet wants a writable home for its first-run files
        var psi = MaildBinary.StartInfo(environment, ["serve"], _root);
        if (Environment.UserName == "root")
        {
            psi.ArgumentList.Insert(0, psi.FileName);
            foreach (var a in new[] { "--clear-groups", "--regid=65534", "--reuid=65534" })
                psi.ArgumentList.Insert(0, a);
            psi.FileName = "setpriv";
        }
        var (exit, stdout, stderr) = await Clients.ExternalClient.RunAsync(psi, null, Ct);
        return new CliResult(exit, stdout, stderr);
    }

    [Fact]
    public async Task Port_25_without_privilege_is_exit_78_permission_denied()
    {
        var result = await ServeAsUnprivileged(new()
        {
            ["MAILD_DATA_DIR"] = Path.Combine(_root, "data"),
            ["MAILD_SMTP_LISTEN"] = "127.0.0.1:25",
            ["MAILD_POP3_LISTEN"] = "",
            ["MAILD_POP3S_LISTEN"] = "",
            ["MAILD_IMAP_LISTEN"] = "",
            ["MAILD_IMAPS_LISTEN"] = "",
        });

        Assert.True(result.ExitCode == 78, result.ToString());
        Assert.Equal("maild: cannot listen on 127.0.0.1:25 (smtp): permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)",
            result.Stderr.Trim());
    }

    [Fact]
    public async Task Data_folder_in_a_read_only_place_is_exit_78_naming_the_folder()
    {
        var readOnly = Path.Combine(_root, "ro");
        Directory.CreateDirectory(readOnly);
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var dataDir = Path.Combine(readOnly, "data");

        var result = await ServeAsUnprivileged(new()
        {
            ["MAILD_DATA_DIR"] = dataDir,
            ["MAILD_SMTP_LISTEN"] = $"127.0.0.1:{FreePort.Next()}",
            ["MAILD_POP3_LISTEN"] = "",
            ["MAILD_POP3S_LISTEN"] = "",
            ["MAILD_IMAP_LISTEN"] = "",
            ["MAILD_IMAPS_LISTEN"] = "",
        });

        Assert.True(result.ExitCode == 78, result.ToString());
        Assert.StartsWith($"maild: data folder {dataDir} is not usable: ", result.Stderr.Trim());
        Assert.DoesNotContain("\n", result.Stderr.Trim());
    }
}
