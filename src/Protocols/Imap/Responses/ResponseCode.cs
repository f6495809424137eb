namespace Mail.Protocols.Imap;

/// <summary>
/// A response code: the bracketed text after OK/NO/BAD/BYE (RFC 3501 7.1, RFC 5530 and the
/// extensions that add their own). <see cref="Text"/> is what goes between the brackets. The
/// well-known codes are here so that sessions never spell them by hand.
/// </summary>
public sealed record ResponseCode(string Text)
{
    public static readonly ResponseCode Alert = new("ALERT");
    public static readonly ResponseCode Parse = new("PARSE");
    public static readonly ResponseCode ReadOnly = new("READ-ONLY");
    public static readonly ResponseCode ReadWrite = new("READ-WRITE");
    public static readonly ResponseCode TryCreate = new("TRYCREATE");
    public static readonly ResponseCode UidNotSticky = new("UIDNOTSTICKY");
    public static readonly ResponseCode NoModSeq = new("NOMODSEQ");
    public static readonly ResponseCode Closed = new("CLOSED");
    public static readonly ResponseCode UnknownCte = new("UNKNOWN-CTE");

    // RFC 5530
    public static readonly ResponseCode Unavailable = new("UNAVAILABLE");
    public static readonly ResponseCode AuthenticationFailed = new("AUTHENTICATIONFAILED");
    public static readonly ResponseCode AuthorizationFailed = new("AUTHORIZATIONFAILED");
    public static readonly ResponseCode Expired = new("EXPIRED");
    public static readonly ResponseCode PrivacyRequired = new("PRIVACYREQUIRED");
    public static readonly ResponseCode ContactAdmin = new("CONTACTADMIN");
    public static readonly ResponseCode NoPerm = new("NOPERM");
    public static readonly ResponseCode InUse = new("INUSE");
    public static readonly ResponseCode ExpungeIssued = new("EXPUNGEISSUED");
    public static readonly ResponseCode Corruption = new("CORRUPTION");
    public static readonly ResponseCode ServerBug = new("SERVERBUG");
    public static readonly ResponseCode ClientBug = new("CLIENTBUG");
    public static readonly ResponseCode Cannot = new("CANNOT");
    public static readonly ResponseCode Limit = new("LIMIT");
    public static readonly ResponseCode OverQuota = new("OVERQUOTA");
    public static readonly ResponseCode AlreadyExists = new("ALREADYEXISTS");
    public static readonly ResponseCode Nonexistent = new("NONEXISTENT");

    // RFC 7888 / RFC 4469 style limits
    public static readonly ResponseCode TooBig = new("TOOBIG");

    /// BADCHARSET, optionally listing the charsets SEARCH supports.
    public static ResponseCode BadCharset(params string[] supported) =>
        new(supported.Length == 0 ? "BADCHARSET" : "BADCHARSET (" + string.Join(' ', supported) + ")");

    public static ResponseCode UidValidity(long value) => new("UIDVALIDITY " + Num(value));
    public static ResponseCode UidNext(long value) => new("UIDNEXT " + Num(value));
    public static ResponseCode Unseen(long sequence) => new("UNSEEN " + Num(sequence));
    public static ResponseCode HighestModSeq(ulong value) => new("HIGHESTMODSEQ " + Num(value));

    public static ResponseCode PermanentFlags(IEnumerable<string> flags) => new("PERMANENTFLAGS " + FlagList.Render(flags));

    public static ResponseCode Capability(IEnumerable<string> capabilities) => new("CAPABILITY " + string.Join(' ', capabilities));

    /// COPYUID (RFC 4315 3): source and destination UIDs pair up position by position.
    public static ResponseCode CopyUid(long uidValidity, IEnumerable<long> source, IEnumerable<long> destination) =>
        new("COPYUID " + Num(uidValidity) + " " + UidSetWriter.Write(source) + " " + UidSetWriter.Write(destination));

    /// APPENDUID (RFC 4315 3).
    public static ResponseCode AppendUid(long uidValidity, IEnumerable<long> uids) =>
        new("APPENDUID " + Num(uidValidity) + " " + UidSetWriter.Write(uids));

    /// MODIFIED (RFC 7162 3.1.3): messages a conditional STORE did not change.
    public static ResponseCode Modified(IEnumerable<long> numbers) => new("MODIFIED " + UidSetWriter.Write(numbers));

    public override string ToString() => Text;

    private static string Num(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static string Num(ulong n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
