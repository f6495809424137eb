using Mail.Actors.Storage;

namespace Mail.Actors.Tests.Storage;

public sealed class QueueIdTests
{
    [Fact]
    public void Ids_are_16_characters_of_Crockford_base32()
    {
        var id = QueueId.New();

        Assert.Equal(16, id.Length);
        Assert.All(id, c => Assert.Contains(c, "0123456789ABCDEFGHJKMNPQRSTVWXYZ"));
    }

    [Fact]
    public void Ids_sort_by_time_across_decades()
    {
        var times = new[]
        {
            new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 26, 20, 55, 39, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 26, 20, 55, 39, TimeSpan.Zero).AddTicks(10), // one microsecond later
            new DateTimeOffset(2099, 12, 31, 23, 59, 59, TimeSpan.Zero),
        };

        var ids = times.Select(QueueId.New).ToArray();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ids_from_one_process_never_repeat_even_in_a_parallel_burst()
    {
        var ids = new string[100_000];
        Parallel.For(0, ids.Length, i => ids[i] = QueueId.New());

        Assert.Equal(ids.Length, ids.Select(id => id[..11]).ToHashSet().Count); // distinct time parts
        Assert.Equal(ids.Length, ids.ToHashSet(StringComparer.OrdinalIgnoreCase).Count);
    }
}
