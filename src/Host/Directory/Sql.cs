using Microsoft.Data.Sqlite;

namespace Mail.Host.Directory;

/// <summary>
/// Parameterized-command helpers, so every statement in the directory binds its values
/// (no string concatenation of addresses into SQL) without repeating the boilerplate.
/// </summary>
internal static class Sql
{
    public static int Execute(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(c, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static long Count(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(c, sql, parameters);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The first column of the first row as text, or null when there is no row.</summary>
    public static string? FirstString(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(c, sql, parameters);
        return command.ExecuteScalar() as string;
    }

    public static List<T> Query<T>(SqliteConnection c, string sql, Func<SqliteDataReader, T> map,
        params (string Name, object? Value)[] parameters)
    {
        using var command = Create(c, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    private static SqliteCommand Create(SqliteConnection c, string sql, (string Name, object? Value)[] parameters)
    {
        var command = c.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
