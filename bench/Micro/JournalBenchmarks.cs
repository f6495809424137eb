using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using BenchmarkDotNet.Attributes;
using Mail.Host.Persistence;
using Microsoft.Data.Sqlite;

namespace Mail.Micro;

/// <summary>
/// Journal batching: 16 persistent actors (as 16 mailboxes taking one delivery each) persist
/// one event at a time, all at once, into a SQLite journal.db on disk; the figure is per event,
/// each durable (WAL fsync'd) before the actor hears back. maild's own journal
/// (<see cref="SqliteJournal"/>: one writer thread, whatever was queued during the last commit
/// goes out as the next transaction) against Akka.Persistence.Sql on the same file format (its
/// Akka.Streams write queue and linq2db). The folder is MAILD_BENCH_DIR, or /var/tmp: tmpfs has
/// no flushes to share.
/// </summary>
[MemoryDiagnoser]
public class JournalBenchmarks
{
    private const int Actors = 16;
    private const int EventsPerActor = 8;

    private string _folder = "";
    private ActorSystem _system = null!;
    private IActorRef[] _actors = [];

    [Params("maild", "akka-sql")]
    public string Journal { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = Environment.GetEnvironmentVariable("MAILD_BENCH_DIR") ?? "/var/tmp";
        _folder = Path.Combine(root, "maild-journal-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "journal.db");
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            // As maild's data folder has it (DataFolder.Prepare).
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        var plugin = Journal == "maild"
            ? $$"""
              plugin = "akka.persistence.journal.maild-sqlite"
              maild-sqlite {
                class = "{{typeof(SqliteJournal).AssemblyQualifiedName}}"
                connection-string = "Data Source={{file}}"
              }
              """
            : $$"""
              plugin = "akka.persistence.journal.sql"
              sql {
                class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                connection-string = "Data Source={{file}}"
                provider-name = "SQLite.MS"
                auto-initialize = true
              }
              """;
        _system = ActorSystem.Create("journal-bench", ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence.journal { {{plugin}} }
            akka.persistence.snapshot-store.plugin = ""
            """));
        _actors = [.. Enumerable.Range(0, Actors).Select(i => _system.ActorOf(Props.Create(() => new Recorder($"mailbox-{i}"))))];
        // Recovery and the journal's start-up (table creation) stay out of the timing.
        Task.WhenAll(_actors.Select(a => a.Ask<long>("warm", TimeSpan.FromSeconds(30)))).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _system.Terminate().Wait(TimeSpan.FromSeconds(30));
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Actors * EventsPerActor)]
    public Task PersistConcurrently() => Task.WhenAll(_actors.Select(async actor =>
    {
        for (var i = 0; i < EventsPerActor; i++)
            await actor.Ask<long>("MessageAppended M16LKDBD 1345 octets", TimeSpan.FromSeconds(30));
    }));

    /// Persists each string it is sent and answers with its sequence number once it is durable.
    private sealed class Recorder : ReceivePersistentActor
    {
        public override string PersistenceId { get; }

        public Recorder(string id)
        {
            PersistenceId = id;
            Recover<string>(_ => { });
            Command<string>(e => Persist(e, _ => Sender.Tell(LastSequenceNr)));
        }
    }
}
