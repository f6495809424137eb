namespace Mail.Host.Directory;

/// <summary>
/// Creates and migrates the directory tables. schema_version keeps one row per applied
/// step, so a later issue adds a step to every dialect's SchemaSteps and every existing
/// database is upgraded the next time the CLI or the server opens it.
/// </summary>
internal static class DirectorySchema
{
    /// <summary>Brings the database to the current version; idempotent.</summary>
    public static void EnsureCreated(DirectoryDatabase db)
    {
        var dialect = db.Dialect;
        var steps = dialect.SchemaSteps;
        dialect.CreateStorage();
        db.Run(connection =>
        {
            dialect.PrepareSchema(connection);
            dialect.WithSchemaLock(connection, () =>
            {
                Sql.Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL, applied_at VARCHAR(40) NOT NULL);");
                var version = (int)Sql.Count(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version;");
                if (version > steps.Count)
                    throw new DirectoryException(DirectoryErrorKind.Storage,
                        $"{db.Description} has schema version {version}, newer than this maild understands ({steps.Count}); upgrade maild");

                for (; version < steps.Count; version++)
                {
                    Sql.Execute(connection, steps[version]);
                    Sql.Execute(connection, "INSERT INTO schema_version(version, applied_at) VALUES (@v, @at);",
                        ("@v", version + 1), ("@at", Timestamp.Now()));
                }
            });
        });
    }

    /// <summary>Runs idempotent DDL (CREATE ... IF NOT EXISTS) under the schema lock.</summary>
    public static void EnsureTables(DirectoryDatabase db, string ddl) =>
        db.Run(connection => db.Dialect.WithSchemaLock(connection, () => Sql.Execute(connection, ddl)));
}
