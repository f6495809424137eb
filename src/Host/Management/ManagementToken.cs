using System.Security.Cryptography;
using System.Text;
using Mail.Host.Configuration;

namespace Mail.Host.Management;

/// <summary>
/// The shared secret between `maild serve` and the CLI: a file only the server's user can read
/// (Postfix's postqueue relies on the same idea: the queue directories' permissions). The server
/// creates it once and reuses it, so a CLI started before a restart keeps working.
/// </summary>
public static class ManagementToken
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// Reads the token, creating the file first when it is missing. Two servers starting at once
    /// on one data folder end up with the same token: the file appears whole or not at all.
    public static string EnsureAndRead(string path)
    {
        try
        {
            if (!File.Exists(path))
                CreateAtomically(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"maild.management.token-file: cannot create {path}: {e.Message}");
        }
        return Read(path) ?? throw new ConfigException($"maild.management.token-file: {path} is empty");
    }

    /// The token in the file, or null when the file is empty. IO errors are the caller's.
    public static string? Read(string path)
    {
        var token = File.ReadAllText(path).Trim();
        return token.Length == 0 ? null : token;
    }

    /// Compares in constant time (hashing first makes the length irrelevant too).
    public static bool Matches(string expected, string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    private static void CreateAtomically(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        System.IO.Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = OwnerOnly; // never readable by others, not even for a moment
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n"));
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, OwnerOnly); // the umask may only have removed bits; be explicit
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: theirs is the token.
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
