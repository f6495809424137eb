namespace Mail.Protocols.Imap;

/// <summary>
/// Evaluates a SEARCH criterion (RFC 3501 6.4.4) against one message. Cheap keys are tried
/// before TEXT/BODY in every AND and OR, so the body is only decoded when nothing else already
/// decided. "*" in a sequence or UID set means the largest number now, which the caller passes.
/// </summary>
public static class SearchEvaluator
{
    public static bool Matches(SearchKey key, ISearchableMessage m, long largestSequence, long largestUid) => key switch
    {
        MatchAll => true,
        AllOf all => AllMatch(all.Keys, m, largestSequence, largestUid),
        AnyOf any => Costly(any.Left) && !Costly(any.Right)
            ? Matches(any.Right, m, largestSequence, largestUid) || Matches(any.Left, m, largestSequence, largestUid)
            : Matches(any.Left, m, largestSequence, largestUid) || Matches(any.Right, m, largestSequence, largestUid),
        Not not => !Matches(not.Key, m, largestSequence, largestUid),
        InSequence seq => seq.Set.Contains(m.Sequence, largestSequence),
        InUids uids => uids.Set.Contains(m.Uid, largestUid),
        HasFlag flag => HasFlag(m, flag.Flag),
        DateKey date => DateMatches(date, m),
        SizeKey size => size.Larger ? m.Size > size.Size : m.Size < size.Size,
        HeaderContains header => HeaderMatches(header, m),
        TextContains text => Contains(m.Text(text.HeadersToo), text.Value),
        ModSeqKey modSeq => m.ModSeq >= modSeq.ModSeq,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key.GetType().Name),
    };

    /// True when evaluating <paramref name="key"/> may need the message body.
    public static bool Costly(SearchKey key) => key switch
    {
        TextContains => true,
        AllOf all => all.Keys.Any(Costly),
        AnyOf any => Costly(any.Left) || Costly(any.Right),
        Not not => Costly(not.Key),
        _ => false,
    };

    private static bool AllMatch(IReadOnlyList<SearchKey> keys, ISearchableMessage m, long largestSequence, long largestUid)
    {
        foreach (var key in keys)
            if (!Costly(key) && !Matches(key, m, largestSequence, largestUid))
                return false;
        foreach (var key in keys)
            if (Costly(key) && !Matches(key, m, largestSequence, largestUid))
                return false;
        return true;
    }

    private static bool HasFlag(ISearchableMessage m, string flag)
    {
        if (flag.Equals("\\Recent", StringComparison.OrdinalIgnoreCase))
            return m.Recent;
        foreach (var f in m.Flags)
            if (f.Equals(flag, StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }

    /// <summary>
    /// Dates compare as calendar days in the value's own zone (RFC 3501: "disregarding time and
    /// timezone"). A message without a usable Date: header matches no SENT* key.
    /// </summary>
    private static bool DateMatches(DateKey key, ISearchableMessage m)
    {
        DateTimeOffset? value = key.Field == DateField.Internal ? m.InternalDate : m.Summary.Date;
        if (value is not { } v)
            return false;
        var day = DateOnly.FromDateTime(v.DateTime);
        return key.Relation switch
        {
            DateRelation.Before => day < key.Date,
            DateRelation.On => day == key.Date,
            DateRelation.Since => day >= key.Date,
            _ => false,
        };
    }

    /// <summary>HEADER field "" matches every message that has the field (RFC 3501 6.4.4).</summary>
    private static bool HeaderMatches(HeaderContains key, ISearchableMessage m)
    {
        var value = m.Summary.TryGetHeader(key.Field, out var kept) ? kept : m.Header(key.Field);
        return value is not null && Contains(value, key.Value);
    }

    private static bool Contains(string text, string value) =>
        value.Length == 0 || text.Contains(value, StringComparison.OrdinalIgnoreCase);
}
