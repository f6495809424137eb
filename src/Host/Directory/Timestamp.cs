using System.Globalization;

namespace Mail.Host.Directory;

/// <summary>
/// created_at columns hold ISO 8601 UTC text ("2025-01-31T12:00:00.000Z"): readable with
/// the sqlite3 shell, sortable as text, and understood by SQLite's date functions.
/// </summary>
internal static class Timestamp
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Now() => DateTime.UtcNow.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Lenient: rows written by hand still list instead of failing the command.</summary>
    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : DateTimeOffset.MinValue;
}
