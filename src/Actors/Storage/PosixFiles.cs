using System.Runtime.InteropServices;

namespace Mail.Actors.Storage;

/// <summary>
/// The two POSIX calls .NET does not expose: fsync of a directory (a rename or link is only
/// durable once its directory entry is on disk) and link(2) for hard links.
/// </summary>
internal static partial class PosixFiles
{
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000; // Linux

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link_(string oldPath, string newPath);

    public static void FsyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return; // Windows has no directory fsync; NTFS journals metadata.
        var fd = open(path, OperatingSystem.IsLinux() ? ORdOnly | ODirectory : ORdOnly);
        if (fd < 0)
            throw new IOException($"cannot open directory {path} for fsync (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (fsync(fd) != 0)
                throw new IOException($"fsync of directory {path} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            close(fd);
        }
    }

    public static void HardLink(string existing, string newPath)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            File.Copy(existing, newPath);
            using var fs = new FileStream(newPath, FileMode.Open, FileAccess.ReadWrite);
            fs.Flush(flushToDisk: true);
            return;
        }
        if (link_(existing, newPath) != 0)
            throw new IOException($"link {existing} -> {newPath} failed (errno {Marshal.GetLastPInvokeError()})");
    }
}
