namespace Mail.Protocols.Imap;

/// <summary>The value the session found for one FETCH item; <see cref="FetchResponseWriter"/> renders it.</summary>
public abstract record FetchValue
{
    /// UID, RFC822.SIZE, BINARY.SIZE, MODSEQ.
    public sealed record Number(ulong Value) : FetchValue;

    public sealed record FlagSet(IReadOnlyList<string> Flags) : FetchValue;

    /// INTERNALDATE.
    public sealed record Date(DateTimeOffset Value) : FetchValue;

    /// Text already in response form: ENVELOPE, BODY and BODYSTRUCTURE from the <see cref="MessageSummary"/>.
    public sealed record Rendered(byte[] Text) : FetchValue;

    /// Message octets (BODY[...], BINARY[...], RFC822*), sent as a literal; null is NIL.
    public sealed record Octets(byte[]? Data) : FetchValue;

    public static FetchValue Of(long n) => new Number((ulong)Math.Max(0, n));
}
