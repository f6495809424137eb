namespace Mail.Protocols.Pop3;

/// <summary>One message as the mailbox lists it at login: store UID, exact size in octets, UIDL string.</summary>
public sealed record MaildropMessage(long Uid, long Size, string UniqueId);

/// <summary>Count and octets of the non-deleted messages; <see cref="ToString"/> is the STAT reply text "2 320".</summary>
public readonly record struct MaildropStat(int Count, long Octets)
{
    public override string ToString() => $"{Count} {Octets}";
}

/// <summary>A LIST line; <see cref="ToString"/> is "1 120" (RFC 1939 scan listing).</summary>
public readonly record struct ScanListing(int Message, long Size)
{
    public override string ToString() => $"{Message} {Size}";
}

/// <summary>A UIDL line; <see cref="ToString"/> is "1 whqtswO00WBw418f9t5JxYwZ" (RFC 1939 unique-id listing).</summary>
public readonly record struct UniqueIdListing(int Message, string UniqueId)
{
    public override string ToString() => $"{Message} {UniqueId}";
}

/// <summary>
/// The answer of a <see cref="Maildrop"/> operation: a value, or the text for "-ERR" (without
/// the "-ERR "). A client asking for a missing message is a normal failure, not an exception.
/// </summary>
public readonly record struct MaildropResult<T>(T? Value, string? Error)
{
    public bool IsOk => Error is null;

    public static MaildropResult<T> Ok(T value) => new(value, null);

    public static MaildropResult<T> Fail(string error) => new(default, error);
}
