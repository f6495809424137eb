using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace Mail.Actors.Tests.Support;

/// <summary>
/// HOCON for the test actor systems: the mail and wire serializers bound as in production, and, for
/// persistent specs, Akka.Persistence.Sql on a SQLite file (PACKAGES.md: "SQLite.MS", WAL set
/// once on the file before the ActorSystem starts).
/// </summary>
public static class MailTestConfig
{
    public static Config Serialization { get; } = ConfigurationFactory.ParseString("""
        akka.actor {
          serializers.mail = "Mail.Actors.Serialization.MailSerializer, Mail.Actors"
          serializers.mail-wire = "Mail.Actors.Serialization.MailWireSerializer, Mail.Actors"
          serialization-bindings {
            "Mail.Actors.Mailbox.IMailboxEvent, Mail.Actors" = mail
            "Mail.Actors.Mailbox.MailboxSnapshot, Mail.Actors" = mail
            "Mail.Actors.Mailbox.MailboxFoldersSnapshot, Mail.Actors" = mail
            "Mail.Actors.Queue.IQueueEvent, Mail.Actors" = mail
            "Mail.Actors.Queue.QueueSnapshot, Mail.Actors" = mail
            "Mail.Actors.Mailbox.IMailboxMessage, Mail.Actors" = mail-wire
            "Mail.Actors.Queue.IQueueMessage, Mail.Actors" = mail-wire
          }
          serialization-identifiers {
            "Mail.Actors.Serialization.MailSerializer, Mail.Actors" = 4711
            "Mail.Actors.Serialization.MailWireSerializer, Mail.Actors" = 4712
          }
        }
        """);

    /// Serializer config plus a journal and snapshot store in <paramref name="databaseFile"/>.
    public static Config Persistent(string databaseFile)
    {
        EnableWal(databaseFile);
        var connection = $"Data Source={databaseFile}";
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                  connection-string = "{{connection}}"
                  provider-name = "SQLite.MS"
                  auto-initialize = true
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                  connection-string = "{{connection}}"
                  provider-name = "SQLite.MS"
                  auto-initialize = true
                }
              }
            }
            """).WithFallback(Serialization);
    }

    /// journal_mode=WAL is stored in the file, so setting it once before Akka opens it is enough.
    private static void EnableWal(string databaseFile)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = (string?)command.ExecuteScalar();
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"SQLite refused WAL mode for {databaseFile}: {mode}");
    }
}
