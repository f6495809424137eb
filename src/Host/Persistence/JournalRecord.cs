namespace Mail.Host.Persistence;

/// <summary>
/// One event as a row of Akka.Persistence.Sql's <c>journal</c> table (same columns, same
/// meaning), so that a data folder written by either journal is read by the other.
/// </summary>
/// <param name="Created">DateTime ticks (UTC) of the write, Akka's <c>Timestamp</c>.</param>
/// <param name="Manifest">The serializer's manifest (string manifest, or type name, or "").</param>
/// <param name="SerializerId">The Akka serializer that wrote <paramref name="Message"/>.</param>
internal sealed record JournalRecord(
    string PersistenceId,
    long SequenceNr,
    byte[] Message,
    string Manifest,
    int SerializerId,
    long Created,
    string WriterUuid);
