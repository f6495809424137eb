using System.Collections;
using System.Reflection;
using Akka.Actor;

namespace Mail.Actors.Tests.Serialization;

/// <summary>
/// Deep comparison for round-trip tests. Records compare lists by reference, so a message that
/// came back from JSON is never <c>Equals</c> to the one sent; this walks public properties and
/// list elements instead, and compares a DateTimeOffset's offset too (JSON keeps it).
/// </summary>
public static class Structural
{
    /// The first difference as "path: expected vs actual", or null when equal.
    public static string? Difference(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : $"{path}: {expected ?? "null"} vs {actual ?? "null"}";
        // lists compare by items: JSON gives back a List<T> for an IReadOnlyList<T> built as an array
        if (expected.GetType() != actual.GetType() && !(expected is IEnumerable && actual is IEnumerable))
            return $"{path}: {expected.GetType().Name} vs {actual.GetType().Name}";
        switch (expected)
        {
            case DateTimeOffset d:
                var other = (DateTimeOffset)actual;
                return d == other && d.Offset == other.Offset ? null : $"{path}: {d:O} vs {other:O}";
            case string or IActorRef or Enum or IConvertible:
                return expected.Equals(actual) ? null : $"{path}: {expected} vs {actual}";
            case IEnumerable list:
                var a = list.Cast<object?>().ToArray();
                var b = ((IEnumerable)actual).Cast<object?>().ToArray();
                if (a.Length != b.Length)
                    return $"{path}: {a.Length} items vs {b.Length}";
                return a.Select((x, i) => Difference(x, b[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
        }
        return Properties(expected.GetType())
            .Select(p => Difference(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}"))
            .FirstOrDefault(d => d is not null);
    }

    /// Properties of <paramref name="value"/> that hold their type's default (null, 0, false, "" or an empty list).
    public static IEnumerable<string> DefaultProperties(object value) =>
        Properties(value.GetType()).Where(p => IsDefault(p.GetValue(value), p.PropertyType)).Select(p => p.Name);

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);

    private static bool IsDefault(object? value, Type type) => value switch
    {
        null => true,
        string s => s.Length == 0,
        IEnumerable e => !e.Cast<object>().Any(),
        _ => type.IsValueType && value.Equals(Activator.CreateInstance(type)),
    };
}
