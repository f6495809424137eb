using Mail.Host.Configuration;
using Microsoft.Data.Sqlite;

namespace Mail.Host.Server;

/// <summary>
/// Prepares the data folder before anything uses it: creates it, proves it is writable (one
/// clear error instead of a failure deep in SQLite), and puts the journal database in WAL
/// mode (a rollback-journal SQLite serializes concurrent writers; see PACKAGES.md).
/// </summary>
public static class DataFolder
{
    public static void Prepare(MaildSettings settings)
    {
        var dir = settings.DataDir;
        try
        {
            System.IO.Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, $".probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"data folder {dir} is not usable: {e.Message}");
        }
        if (settings.Database.IsShared)
            return;
        try
        {
            using var connection = new SqliteConnection($"Data Source={settings.JournalDatabase};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            throw new ConfigException($"journal database {settings.JournalDatabase} is not usable: {e.Message}");
        }
    }

    /// The journal's connection string: WAL is in the file; FULL makes every commit fsync the WAL,
    /// which is what lets SMTP say 250 only for mail that is on disk.
    public static string JournalConnectionString(MaildSettings settings) =>
        new SqliteConnectionStringBuilder { DataSource = settings.JournalDatabase, Pooling = true, DefaultTimeout = 30 }.ToString();
}
