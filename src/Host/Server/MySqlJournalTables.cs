using Mail.Host.Configuration;
using MySqlConnector;

namespace Mail.Host.Server;

/// <summary>
/// The journal, tag and snapshot tables of Akka.Persistence.Sql on MySQL and MariaDB, created by
/// maild instead of by the plugin (whose auto-initialize is then off). The plugin's MySQL set-up
/// (1.5.73) adds its indexes with a lookup in information_schema.INNODB_INDEXES, which only
/// MySQL 8 has: on MariaDB every start failed. The columns are the ones the plugin maps
/// ("MySqlConnector" provider: LONGBLOB payloads), the indexes the ones its set-up would add.
/// </summary>
internal static class MySqlJournalTables
{
    private const string Table = "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    private const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS journal(
            ordering BIGINT NOT NULL AUTO_INCREMENT,
            created BIGINT NOT NULL,
            deleted TINYINT(1) NOT NULL,
            persistence_id VARCHAR(255) NOT NULL,
            sequence_number BIGINT NOT NULL,
            message LONGBLOB NOT NULL,
            manifest VARCHAR(500) NULL,
            identifier INT NULL,
            writer_uuid VARCHAR(128) NULL,
            PRIMARY KEY (ordering),
            UNIQUE KEY persistence_id (persistence_id, sequence_number),
            KEY journal_created_idx (created),
            KEY journal_sequence_number_idx (sequence_number)) {Table};
        CREATE TABLE IF NOT EXISTS tags(
            ordering_id BIGINT NOT NULL,
            tag VARCHAR(64) NOT NULL,
            persistence_id VARCHAR(255) NOT NULL,
            sequence_nr BIGINT NOT NULL,
            PRIMARY KEY (ordering_id, tag),
            KEY tags_persistence_id_sequence_nr_idx (persistence_id, sequence_nr),
            KEY tags_tag_idx (tag)) {Table};
        CREATE TABLE IF NOT EXISTS snapshot(
            persistence_id VARCHAR(255) NOT NULL,
            sequence_number BIGINT NOT NULL,
            created BIGINT NOT NULL,
            snapshot LONGBLOB NULL,
            manifest VARCHAR(500) NULL,
            serializer_id INT NULL,
            PRIMARY KEY (persistence_id, sequence_number),
            KEY snapshot_sequence_number_idx (sequence_number),
            KEY snapshot_created_idx (created)) {Table};
        """;

    /// <summary>Idempotent: every node runs it at start.</summary>
    public static void EnsureCreated(string connectionString)
    {
        try
        {
            using var connection = new MySqlConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Ddl;
            command.ExecuteNonQuery();
        }
        catch (MySqlException e)
        {
            // The directory has just been opened on the same database, so this is rare: a missing privilege.
            throw new ConfigException($"cannot create the journal tables (MySQL error {e.Number}: {e.Message})");
        }
    }
}
