using System.Data.Common;
using System.Globalization;

namespace Mail.Host.Directory;

/// <summary>
/// Parameterized-command helpers, so every statement in the directory binds its values
/// (no string concatenation of addresses into SQL) without repeating the boilerplate.
/// Parameters are written @name, which SQLite, PostgreSQL (Npgsql) and MySQL all accept.
/// </summary>
internal static class Sql
{
    public static int Execute(DbConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(c, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row as a number (COUNT, MAX...); 0 without a row.</summary>
    public static long Count(DbConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(c, sql, parameters);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The first column of the first row as text, or null when there is no row.</summary>
    public static string? FirstString(DbConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(c, sql, parameters);
        return command.ExecuteScalar() as string;
    }

    public static List<T> Query<T>(DbConnection c, string sql, Func<DbDataReader, T> map,
        params (string Name, object? Value)[] parameters)
    {
        using var command = Create(c, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    /// <summary>An integer column whatever width the provider returns (SQLite and COUNT: 64 bits, INTEGER elsewhere: 32).</summary>
    public static long Integer(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    public static long? NullableInteger(DbDataReader r, int i) => r.IsDBNull(i) ? null : Integer(r, i);

    /// <summary>"IN (@p0, @p1, ...)" over <paramref name="values"/>, added to <paramref name="parameters"/>;
    /// "IN (NULL)" (matches nothing) for none, since "IN ()" is not SQL.</summary>
    public static string InList(string prefix, IEnumerable<string> values, List<(string Name, object? Value)> parameters)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = $"@{prefix}{names.Count}";
            names.Add(name);
            parameters.Add((name, value));
        }
        return names.Count == 0 ? "IN (NULL)" : $"IN ({string.Join(", ", names)})";
    }

    private static DbCommand Create(DbConnection c, string sql, (string Name, object? Value)[] parameters)
    {
        var command = c.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
