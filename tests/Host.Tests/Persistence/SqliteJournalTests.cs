using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Mail.Host.Persistence;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mail.Host.Tests.Persistence;

/// <summary>
/// maild's SQLite journal through real persistent actors on a real file, restarted as whole
/// actor systems; and side by side with Akka.Persistence.Sql on the same file, whose rows it
/// must read and write alike (a data folder keeps working whichever journal wrote it).
/// </summary>
public sealed class SqliteJournalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "maild-journal-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public SqliteJournalTests()
    {
        System.IO.Directory.CreateDirectory(_dir);
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL;";
        wal.ExecuteNonQuery();
    }

    private string File => Path.Combine(_dir, "journal.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_dir, recursive: true);
    }

    private ActorSystem NewSystem(bool maildJournal)
    {
        var connection = $"Data Source={File}";
        var journal = maildJournal
            ? $$"""
              plugin = "akka.persistence.journal.maild-sqlite"
              maild-sqlite {
                class = "{{typeof(SqliteJournal).AssemblyQualifiedName}}"
                connection-string = "{{connection}}"
              }
              """
            : $$"""
              plugin = "akka.persistence.journal.sql"
              sql {
                class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                connection-string = "{{connection}}"
                provider-name = "SQLite.MS"
                auto-initialize = true
              }
              """;
        return ActorSystem.Create("journal-test", ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence.journal { {{journal}} }
            akka.persistence.snapshot-store.plugin = ""
            """));
    }

    /// Persists each string it is sent, answers with everything it holds (recovered or new).
    private sealed class Recorder : ReceivePersistentActor
    {
        private readonly List<string> _events = [];

        public override string PersistenceId { get; }

        public Recorder(string id)
        {
            PersistenceId = id;
            Recover<string>(e => _events.Add($"{LastSequenceNr}:{e}"));
            Command<string>(e =>
            {
                if (e == "?")
                    Sender.Tell(_events.ToArray());
                else
                    Persist(e, _ => { _events.Add($"{LastSequenceNr}:{e}"); Sender.Tell(_events.ToArray()); });
            });
            Command<long>(to => { DeleteMessages(to); BecomeStacked(() => Deleting(Sender)); });
        }

        private void Deleting(IActorRef asker)
        {
            Command<DeleteMessagesSuccess>(_ => { asker.Tell("deleted"); UnbecomeStacked(); });
            Command<DeleteMessagesFailure>(f => asker.Tell(f.Cause.Message));
        }
    }

    private async Task<string[]> Send(ActorSystem system, string id, params object[] messages)
    {
        var recorder = system.ActorOf(Props.Create(() => new Recorder(id)));
        object last = Array.Empty<string>();
        foreach (var m in messages)
            last = await recorder.Ask<object>(m, TimeSpan.FromSeconds(10), _ct);
        return (string[])(last is string[] events ? events : await recorder.Ask<string[]>("?", TimeSpan.FromSeconds(10), _ct));
    }

    private async Task<string[]> In(bool maildJournal, string id, params object[] messages)
    {
        using var system = NewSystem(maildJournal);
        try
        {
            return await Send(system, id, messages);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Events_come_back_in_order_after_a_restart()
    {
        Assert.Equal(["1:a", "2:b", "3:c"], await In(true, "p1", "a", "b", "c"));
        Assert.Equal(["1:a", "2:b", "3:c", "4:d"], await In(true, "p1", "d"));
        Assert.Equal(["1:x"], await In(true, "p2", "x"));
    }

    [Fact]
    public async Task Rows_are_read_and_written_alike_by_Akka_Persistence_Sql()
    {
        Assert.Equal(["1:a", "2:b"], await In(false, "p", "a", "b"));
        Assert.Equal(["1:a", "2:b", "3:c"], await In(true, "p", "c"));
        Assert.Equal(["1:a", "2:b", "3:c", "4:d"], await In(false, "p", "d"));
        Assert.Equal(["1:a", "2:b", "3:c", "4:d", "5:e"], await In(true, "p", "e"));
    }

    [Fact]
    public async Task Deleted_events_stay_gone_and_sequence_numbers_never_go_back()
    {
        await In(true, "p", "a", "b", "c");
        await In(true, "p", 2L);
        Assert.Equal(["3:c", "4:d"], await In(true, "p", "d"));
        // Everything deleted: the highest row stays (marked) so that the next event is 5, not 1.
        await In(true, "p", 4L);
        Assert.Equal(["5:e"], await In(true, "p", "e"));
        // And Akka.Persistence.Sql sees the same.
        Assert.Equal(["5:e", "6:f"], await In(false, "p", "f"));
    }

    [Fact]
    public async Task Many_writers_at_once_are_all_committed()
    {
        using (var system = NewSystem(true))
        {
            var writers = Enumerable.Range(0, 40).Select(i => Send(system, $"w{i}", Enumerable.Range(0, 25).Select(n => (object)$"e{n}").ToArray()));
            foreach (var events in await Task.WhenAll(writers))
                Assert.Equal(25, events.Length);
            await system.Terminate();
        }
        using var again = NewSystem(true);
        for (var i = 0; i < 40; i++)
            Assert.Equal(Enumerable.Range(0, 25).Select(n => $"{n + 1}:e{n}"), await Send(again, $"w{i}", "?"));
        await again.Terminate();
    }
}
