using System.ComponentModel;
using System.Diagnostics;
using Mail.Host.Directory;
using Xunit;

namespace Mail.Host.Tests.Directory;

/// <summary>
/// Cross-checks ShaCrypt against the system crypt(3) through Python's crypt module
/// (deprecated, removed in Python 3.13). Skipped when python3 or the module is missing.
/// </summary>
public sealed class PythonCryptTests
{
    private static readonly string[] Passwords =
    [
        "", "pw", "Hello world!", "pässwörd ✓ 日本", new string('x', 63), new string('y', 64),
        new string('z', 65), new string('q', 200), "with $ and { } and \\ and '",
    ];

    private static readonly string[] Settings =
        ["$6$abcdefgh", "$6$./09AZaz./09AZaz", "$6$rounds=1234$shortsalt", "$5$abcdefgh", "$5$rounds=2000$x"];

    [Fact]
    public void Matches_glibc_crypt_via_python()
    {
        var cases = (from p in Passwords from s in Settings select (p, s)).ToList();
        var expected = RunPython(cases);

        for (var i = 0; i < cases.Count; i++)
            Assert.Equal(expected[i], ShaCrypt.Crypt(cases[i].p, cases[i].s));
    }

    [Fact]
    public void Our_hashes_verify_in_glibc()
    {
        var stored = PasswordHasher.Hash("pässwörd");
        var crypt = stored["{SHA512-CRYPT}".Length..];
        Assert.Equal(crypt, RunPython([("pässwörd", crypt)])[0]);
    }

    private static List<string> RunPython(IReadOnlyList<(string Password, string Setting)> cases)
    {
        var psi = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        psi.Environment["PYTHONWARNINGS"] = "ignore";
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(
            "import sys, crypt\n" +
            "a = sys.argv[1:]\n" +
            "for i in range(0, len(a), 2): print(crypt.crypt(a[i], a[i + 1]))");
        foreach (var (p, s) in cases) { psi.ArgumentList.Add(p); psi.ArgumentList.Add(s); }

        Process process;
        try { process = Process.Start(psi)!; }
        catch (Win32Exception) { Assert.Skip("python3 is not on PATH"); throw; }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (stderr.Contains("No module named 'crypt'"))
                Assert.Skip("this python3 has no crypt module (removed in 3.13)");
            Assert.True(process.ExitCode == 0, stderr);
            return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
    }
}
