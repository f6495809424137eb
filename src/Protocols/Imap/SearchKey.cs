namespace Mail.Protocols.Imap;

/// <summary>
/// A SEARCH criterion (RFC 3501 6.4.4). A list of keys means AND; the parser builds an
/// <see cref="AllOf"/> for it. Dates are calendar days (time and zone ignored, as RFC 3501 says).
/// Strings are matched case-insensitively as substrings (RFC 3501: "contains").
/// </summary>
public abstract record SearchKey;

public sealed record AllOf(IReadOnlyList<SearchKey> Keys) : SearchKey;
public sealed record AnyOf(SearchKey Left, SearchKey Right) : SearchKey;  // OR
public sealed record Not(SearchKey Key) : SearchKey;

/// ALL; also the empty criteria.
public sealed record MatchAll : SearchKey { public static readonly MatchAll Instance = new(); }

/// A sequence-set as a key: message sequence numbers.
public sealed record InSequence(SequenceSet Set) : SearchKey;

/// UID set.
public sealed record InUids(SequenceSet Set) : SearchKey;

/// <summary>
/// ANSWERED, DELETED, DRAFT, FLAGGED, SEEN, RECENT (Flag "\Answered" etc.) and KEYWORD k
/// (Flag = k); the UN- forms and OLD are <see cref="Not"/> of these. NEW is RECENT AND NOT SEEN.
/// </summary>
public sealed record HasFlag(string Flag) : SearchKey;

public enum DateField { Internal, Sent }
public enum DateRelation { Before, On, Since }

/// BEFORE/ON/SINCE (internal date) and SENTBEFORE/SENTON/SENTSINCE (the Date: header).
public sealed record DateKey(DateField Field, DateRelation Relation, DateOnly Date) : SearchKey;

/// LARGER n / SMALLER n (RFC822.SIZE).
public sealed record SizeKey(bool Larger, long Size) : SearchKey;

/// BCC, CC, FROM, SUBJECT, TO (Field = that header name) and HEADER field string.
public sealed record HeaderContains(string Field, string Value) : SearchKey;

/// BODY string (the text body only) and TEXT string (headers and body).
public sealed record TextContains(bool HeadersToo, string Value) : SearchKey;

/// MODSEQ n (RFC 7162 3.1.5); the optional entry name/type are parsed and ignored.
public sealed record ModSeqKey(ulong ModSeq) : SearchKey;
