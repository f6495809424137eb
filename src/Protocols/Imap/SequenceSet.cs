namespace Mail.Protocols.Imap;

/// <summary>
/// One range of a sequence set: "n", "n:m" or with "*" (<see cref="SequenceSet.Star"/>, the
/// largest number in use). Ranges are unordered as sent ("5:2" means 2:5, RFC 3501 9).
/// </summary>
public readonly record struct SequenceRange(long First, long Last);

/// <summary>
/// A sequence set (RFC 3501 9: sequence-set) of message sequence numbers or UIDs, as sent;
/// resolved against the mailbox only when used, because "*" means the largest number at that time.
/// </summary>
public sealed record SequenceSet(IReadOnlyList<SequenceRange> Ranges)
{
    /// Stands for "*" in a range.
    public const long Star = long.MaxValue;

    /// <summary>True when <paramref name="n"/> is in the set, with "*" meaning <paramref name="largest"/>.</summary>
    /// <remarks>
    /// With an empty mailbox "*" has no value; <paramref name="largest"/> 0 then makes "*" match
    /// nothing. For UID sets, RFC 3501 6.4.8: "n:*" always includes the largest UID even when n is
    /// greater than it; the caller passes that UID as <paramref name="largest"/>.
    /// </remarks>
    public bool Contains(long n, long largest)
    {
        foreach (var r in Ranges)
        {
            var a = r.First == Star ? largest : r.First;
            var b = r.Last == Star ? largest : r.Last;
            if (a > b)
                (a, b) = (b, a);
            if (n >= a && n <= b && a != 0)
                return true;
        }
        return false;
    }

    /// <summary>True when the set uses "*" anywhere (clients must then expect it resolved now).</summary>
    public bool UsesStar => Ranges.Any(r => r.First == Star || r.Last == Star);

    public override string ToString() => string.Join(',', Ranges.Select(r =>
        r.First == r.Last ? Text(r.First) : Text(r.First) + ":" + Text(r.Last)));

    private static string Text(long n) => n == Star ? "*" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
