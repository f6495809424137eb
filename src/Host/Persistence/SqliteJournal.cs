using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Serialization;
using Akka.Util;
using Microsoft.Data.Sqlite;

namespace Mail.Host.Persistence;

/// <summary>
/// The event journal of a single node on SQLite: the same table and row format as
/// Akka.Persistence.Sql (which stays the journal of PostgreSQL and MySQL, and the snapshot
/// store everywhere), written without its Akka.Streams queue and linq2db query building:
/// serialization on the journal actor, one prepared INSERT per row on a writer thread that
/// group-commits (<see cref="SqliteJournalWriter"/>). Measured in maild's profile, the old path
/// cost about 9% of the CPU of an accepted message.
/// </summary>
public sealed class SqliteJournal : AsyncWriteJournal
{
    private readonly string _connectionString;
    private readonly SqliteJournalWriter _writer;
    private readonly Akka.Serialization.Serialization _serialization;
    private readonly string _writerUuid = Guid.NewGuid().ToString("N");

    public SqliteJournal(Config config)
    {
        _connectionString = config.GetString("connection-string");
        JournalSchema.EnsureCreated(_connectionString);
        _writer = new SqliteJournalWriter(_connectionString);
        _serialization = Context.System.Serialization;
    }

    protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var rows = new List<JournalRecord>();
        var results = ImmutableList.CreateBuilder<Exception>();
        var rejected = false;
        var created = DateTime.UtcNow.Ticks;
        foreach (var write in messages)
        {
            // A payload that cannot be serialized rejects its own AtomicWrite only (Akka's contract).
            try
            {
                var payload = (IImmutableList<IPersistentRepresentation>)write.Payload;
                var serialized = payload.Select(p => Serialize(p, created)).ToList();
                rows.AddRange(serialized);
                results.Add(null!);
            }
            catch (Exception e)
            {
                results.Add(e);
                rejected = true;
            }
        }
        if (rows.Count > 0)
            await _writer.WriteAsync(rows);
        return rejected ? results.ToImmutable() : null!;
    }

    private JournalRecord Serialize(IPersistentRepresentation persistent, long created)
    {
        // maild runs no persistence queries, so tags (none are written today) would have no reader.
        var payload = persistent.Payload is Tagged tagged ? tagged.Payload : persistent.Payload;
        var serializer = _serialization.FindSerializerFor(payload);
        var manifest = serializer switch
        {
            SerializerWithStringManifest withManifest => withManifest.Manifest(payload),
            { IncludeManifest: true } => payload.GetType().TypeQualifiedName(),
            _ => string.Empty,
        };
        // Sharding's events carry actor refs: serialize them with this system's address.
        var bytes = Akka.Serialization.Serialization.WithTransport(_serialization.System, () => serializer.ToBinary(payload));
        return new JournalRecord(
            persistent.PersistenceId,
            persistent.SequenceNr,
            bytes,
            manifest,
            serializer.Identifier,
            persistent.Timestamp == 0 ? created : persistent.Timestamp,
            _writerUuid);
    }

    public override Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        if (max <= 0 || toSequenceNr < fromSequenceNr)
            return Task.CompletedTask;
        return Task.Run(() =>
        {
            using var connection = JournalSchema.Open(_connectionString);
            using var select = connection.CreateCommand();
            select.CommandText = """
                SELECT sequence_number, message, manifest, identifier, writer_uuid, created FROM journal
                WHERE persistence_id = @pid AND sequence_number >= @from AND sequence_number <= @to AND deleted = 0
                ORDER BY sequence_number LIMIT @max;
                """;
            select.Parameters.AddWithValue("@pid", persistenceId);
            select.Parameters.AddWithValue("@from", fromSequenceNr);
            select.Parameters.AddWithValue("@to", toSequenceNr);
            select.Parameters.AddWithValue("@max", max);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var manifest = reader.IsDBNull(2) ? string.Empty : reader.GetString(2);
                var payload = _serialization.Deserialize((byte[])reader[1], reader.GetInt32(3), manifest);
                var persistent = new Persistent(
                    payload,
                    reader.GetInt64(0),
                    persistenceId,
                    manifest,
                    isDeleted: false,
                    ActorRefs.NoSender,
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetInt64(5));
                foreach (var adapted in AdaptFromJournal(persistent))
                    recoveryCallback(adapted);
            }
        });
    }

    /// Deleted rows count: Akka.Persistence.Sql keeps the highest deleted one for exactly this.
    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken) => Task.Run(() =>
    {
        using var connection = JournalSchema.Open(_connectionString);
        using var max = connection.CreateCommand();
        max.CommandText = "SELECT MAX(sequence_number) FROM journal WHERE persistence_id = @pid AND sequence_number > @from;";
        max.Parameters.AddWithValue("@pid", persistenceId);
        max.Parameters.AddWithValue("@from", fromSequenceNr);
        return max.ExecuteScalar() is long highest ? highest : 0L;
    });

    /// As Akka.Persistence.Sql does it: mark the rows deleted, then remove them all but the
    /// highest, which keeps the sequence number from going back.
    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) => Task.Run(() =>
    {
        using var connection = JournalSchema.Open(_connectionString);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = """
            UPDATE journal SET deleted = 1 WHERE persistence_id = @pid AND sequence_number <= @to;
            DELETE FROM journal WHERE persistence_id = @pid AND sequence_number <= @to
              AND sequence_number < (SELECT MAX(sequence_number) FROM journal WHERE persistence_id = @pid AND deleted = 1);
            DELETE FROM tags WHERE persistence_id = @pid AND sequence_nr <= @to;
            """;
        delete.Parameters.AddWithValue("@pid", persistenceId);
        delete.Parameters.AddWithValue("@to", toSequenceNr);
        delete.ExecuteNonQuery();
        transaction.Commit();
    });

    protected override void PostStop()
    {
        _writer.Dispose();
        base.PostStop();
    }
}
