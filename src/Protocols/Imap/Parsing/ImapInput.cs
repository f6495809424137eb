namespace Mail.Protocols.Imap;

/// <summary>What <see cref="ImapReceiver"/> made of the bytes it was given.</summary>
public abstract record ImapInput;

/// <summary>No complete command yet: keep the unconsumed bytes, append more, call again.</summary>
public sealed record NeedMoreData : ImapInput
{
    public static readonly NeedMoreData Instance = new();

    private NeedMoreData() { }
}

/// <summary>A complete, well-formed command (line, literals and continuation lines).</summary>
public sealed record CommandInput(ImapCommand Command) : ImapInput;

/// <summary>
/// A synchronizing literal <c>{n}</c> was announced and nothing follows it yet: the session
/// sends "+ Ready" and calls again. Asked once per literal: the receiver remembers it.
/// </summary>
public sealed record ContinuationNeeded : ImapInput
{
    public static readonly ContinuationNeeded Instance = new();

    private ContinuationNeeded() { }
}

/// <summary>
/// A command that could not be parsed; the session replies "<paramref name="Tag"/> BAD
/// <paramref name="Text"/>", or "* BAD <paramref name="Text"/>" when no tag could be read.
/// The whole command, with its literals, has been consumed.
/// </summary>
public sealed record ErrorInput(string? Tag, string Text) : ImapInput;

/// <summary>
/// A literal over the receiver's limit. For a synchronizing literal the client waits for a
/// continuation it will not get: the session answers "tag NO [TOOBIG] ..." and the client drops
/// the command. A non-synchronizing literal (LITERAL+) is on its way anyway: the receiver skips
/// its octets and the rest of the command as they arrive. (A literal after a line without a
/// usable tag is refused the same way, but as an <see cref="ErrorInput"/> without a tag.)
/// </summary>
public sealed record LiteralTooLarge(string Tag, long Size) : ImapInput;

/// <summary>SEARCH with a charset other than UTF-8 or US-ASCII: "tag NO [BADCHARSET (UTF-8 US-ASCII)]".</summary>
public sealed record BadCharset(string Tag) : ImapInput;

/// <summary>An AUTHENTICATE continuation line read with <see cref="ImapReceiver.ReadSaslResponse"/>: base64 text, or "*" to cancel.</summary>
public sealed record SaslResponseInput(string Response) : ImapInput
{
    public override string ToString() => "SaslResponseInput { Response = *** }";
}

/// <summary>The "DONE" that ends IDLE (RFC 2177), read with <see cref="ImapReceiver.ReadIdleDone"/>.</summary>
public sealed record IdleDone : ImapInput
{
    public static readonly IdleDone Instance = new();

    private IdleDone() { }
}
