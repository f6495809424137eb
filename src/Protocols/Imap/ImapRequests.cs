namespace Mail.Protocols.Imap;

// Any state (RFC 3501 6.1)
public sealed record CapabilityRequest : ImapRequest { public override string Verb => "CAPABILITY"; }
public sealed record NoopRequest : ImapRequest { public override string Verb => "NOOP"; }
public sealed record LogoutRequest : ImapRequest { public override string Verb => "LOGOUT"; }

/// ID (RFC 2971): field/value pairs, or null for "ID NIL".
public sealed record IdRequest(IReadOnlyList<KeyValuePair<string, string?>>? Fields) : ImapRequest { public override string Verb => "ID"; }

// Not authenticated (RFC 3501 6.2)
public sealed record StartTlsRequest : ImapRequest { public override string Verb => "STARTTLS"; }

/// AUTHENTICATE mechanism [initial-response] (SASL-IR, RFC 4959); "=" means an empty initial response.
public sealed record AuthenticateRequest(string Mechanism, string? InitialResponse) : ImapRequest
{
    public override string Verb => "AUTHENTICATE";
    public override string ToString() => $"AuthenticateRequest {{ Mechanism = {Mechanism} }}";
}

public sealed record LoginRequest(string User, string Password) : ImapRequest
{
    public override string Verb => "LOGIN";
    public override string ToString() => $"LoginRequest {{ User = {User} }}";
}

// Authenticated (RFC 3501 6.3)

/// SELECT / EXAMINE; <paramref name="CondStore"/> for the "(CONDSTORE)" select parameter (RFC 7162 3.1.8).
public sealed record SelectRequest(string Mailbox, bool ReadOnly, bool CondStore = false) : ImapRequest
{
    public override string Verb => ReadOnly ? "EXAMINE" : "SELECT";
}

/// CREATE name [(USE (\Sent))] (RFC 6154 5.1: CREATE-SPECIAL-USE).
public sealed record CreateRequest(string Mailbox, IReadOnlyList<string> SpecialUse) : ImapRequest { public override string Verb => "CREATE"; }
public sealed record DeleteRequest(string Mailbox) : ImapRequest { public override string Verb => "DELETE"; }
public sealed record RenameRequest(string From, string To) : ImapRequest { public override string Verb => "RENAME"; }
public sealed record SubscribeRequest(string Mailbox) : ImapRequest { public override string Verb => "SUBSCRIBE"; }
public sealed record UnsubscribeRequest(string Mailbox) : ImapRequest { public override string Verb => "UNSUBSCRIBE"; }

/// <summary>
/// LIST, basic (RFC 3501) or extended (RFC 5258): selection options such as SUBSCRIBED,
/// SPECIAL-USE, RECURSIVEMATCH; return options such as SUBSCRIBED, CHILDREN, SPECIAL-USE,
/// STATUS (RFC 5819, with <paramref name="StatusItems"/>). Options are upper case.
/// </summary>
public sealed record ListRequest(
    string Reference,
    IReadOnlyList<string> Patterns,
    IReadOnlyList<string> SelectionOptions,
    IReadOnlyList<string> ReturnOptions,
    IReadOnlyList<StatusItem> StatusItems) : ImapRequest
{
    public override string Verb => "LIST";
}

public sealed record LsubRequest(string Reference, string Pattern) : ImapRequest { public override string Verb => "LSUB"; }

public enum StatusItem { Messages, Recent, UidNext, UidValidity, Unseen, HighestModSeq, Size }

public sealed record StatusRequest(string Mailbox, IReadOnlyList<StatusItem> Items) : ImapRequest { public override string Verb => "STATUS"; }

/// <summary>
/// APPEND mailbox [flags] [date-time] literal. The literal has been read whole (bounded by the
/// receiver's literal limit). Flags as sent ("\Seen", "$Label1").
/// </summary>
public sealed record AppendRequest(string Mailbox, IReadOnlyList<string> Flags, DateTimeOffset? InternalDate, byte[] Message) : ImapRequest
{
    public override string Verb => "APPEND";
    public override string ToString() => $"AppendRequest {{ Mailbox = {Mailbox}, Size = {Message.Length} }}";
}

public sealed record NamespaceRequest : ImapRequest { public override string Verb => "NAMESPACE"; }

/// ENABLE cap... (RFC 5161), capability names upper case.
public sealed record EnableRequest(IReadOnlyList<string> Capabilities) : ImapRequest { public override string Verb => "ENABLE"; }

/// IDLE (RFC 2177): the session then reads "DONE" with <see cref="ImapReceiver.ReadIdleDone"/>.
public sealed record IdleRequest : ImapRequest { public override string Verb => "IDLE"; }

/// GETQUOTA root / GETQUOTAROOT mailbox (RFC 9208).
public sealed record GetQuotaRequest(string Root) : ImapRequest { public override string Verb => "GETQUOTA"; }
public sealed record GetQuotaRootRequest(string Mailbox) : ImapRequest { public override string Verb => "GETQUOTAROOT"; }

// Selected (RFC 3501 6.4)
public sealed record CheckRequest : ImapRequest { public override string Verb => "CHECK"; }
public sealed record CloseRequest : ImapRequest { public override string Verb => "CLOSE"; }
public sealed record UnselectRequest : ImapRequest { public override string Verb => "UNSELECT"; }
public sealed record ExpungeRequest : ImapRequest { public override string Verb => "EXPUNGE"; }

/// UID EXPUNGE set (RFC 4315 2.1).
public sealed record UidExpungeRequest(SequenceSet Uids) : ImapRequest { public override string Verb => "UID EXPUNGE"; }

/// <summary>
/// SEARCH / UID SEARCH. <paramref name="Charset"/> is null when not given. <paramref name="ReturnOptions"/>
/// holds ESEARCH (RFC 4731) return options (MIN, MAX, ALL, COUNT) when "RETURN (...)" was given, else null.
/// </summary>
public sealed record SearchRequest(bool Uid, string? Charset, SearchKey Criteria, IReadOnlyList<string>? ReturnOptions = null) : ImapRequest
{
    public override string Verb => Uid ? "UID SEARCH" : "SEARCH";
}

/// <summary>
/// FETCH / UID FETCH. Macros (ALL, FAST, FULL) are expanded by the parser. For UID FETCH the
/// parser adds <see cref="FetchAttribute.Uid"/> when absent (RFC 3501 6.4.8: UID is always returned).
/// <paramref name="ChangedSince"/> is the CHANGEDSINCE modifier (RFC 7162 3.1.4).
/// </summary>
public sealed record FetchRequest(bool Uid, SequenceSet Set, IReadOnlyList<FetchAttribute> Attributes, ulong? ChangedSince = null, bool Vanished = false) : ImapRequest
{
    public override string Verb => Uid ? "UID FETCH" : "FETCH";
}

public enum StoreMode { Replace, Add, Remove }

/// STORE / UID STORE set [(UNCHANGEDSINCE n)] (+|-)FLAGS[.SILENT] (flags).
public sealed record StoreRequest(bool Uid, SequenceSet Set, StoreMode Mode, bool Silent, IReadOnlyList<string> Flags, ulong? UnchangedSince = null) : ImapRequest
{
    public override string Verb => Uid ? "UID STORE" : "STORE";
}

public sealed record CopyRequest(bool Uid, SequenceSet Set, string Mailbox) : ImapRequest
{
    public override string Verb => Uid ? "UID COPY" : "COPY";
}

/// MOVE / UID MOVE (RFC 6851).
public sealed record MoveRequest(bool Uid, SequenceSet Set, string Mailbox) : ImapRequest
{
    public override string Verb => Uid ? "UID MOVE" : "MOVE";
}
