using Microsoft.Data.Sqlite;

namespace Mail.Host.Tests.Directory;

/// <summary>A directory database path in a fresh temp folder, deleted afterwards.</summary>
public sealed class TempDirectoryFile : IDisposable
{
    private readonly string _folder =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "maild-dir-tests", Guid.NewGuid().ToString("N"));

    // A sub-folder that doesn't exist yet: opening must create it.
    public string Path => System.IO.Path.Combine(_folder, "data", "directory.db");

    public void Dispose()
    {
        // Pooled connections keep the file (and its -wal/-shm) open.
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
