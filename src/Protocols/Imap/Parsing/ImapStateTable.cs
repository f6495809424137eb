namespace Mail.Protocols.Imap;

/// <summary>
/// Which command is valid in which state (RFC 3501 sections 3 and 6; the extensions' own
/// sections), as data, so the session asks one table and the wrong-state reply is made from it.
/// </summary>
/// <remarks>
/// Commands of the authenticated state stay valid in the selected state (RFC 3501 6.3). ENABLE
/// is authenticated-only: RFC 5161 3.1 allows it only before a mailbox is selected, since
/// enabling e.g. CONDSTORE mid-session would change responses the client is already parsing.
/// </remarks>
public static class ImapStateTable
{
    private static readonly ImapState[] Any = [ImapState.NotAuthenticated, ImapState.Authenticated, ImapState.Selected];
    private static readonly ImapState[] NotAuthenticated = [ImapState.NotAuthenticated];
    private static readonly ImapState[] Authenticated = [ImapState.Authenticated, ImapState.Selected];
    private static readonly ImapState[] Selected = [ImapState.Selected];

    private static readonly Dictionary<string, ImapState[]> Rows = new(StringComparer.Ordinal)
    {
        ["CAPABILITY"] = Any, ["NOOP"] = Any, ["LOGOUT"] = Any, ["ID"] = Any,
        ["STARTTLS"] = NotAuthenticated, ["AUTHENTICATE"] = NotAuthenticated, ["LOGIN"] = NotAuthenticated,
        ["SELECT"] = Authenticated, ["EXAMINE"] = Authenticated, ["CREATE"] = Authenticated, ["DELETE"] = Authenticated,
        ["RENAME"] = Authenticated, ["SUBSCRIBE"] = Authenticated, ["UNSUBSCRIBE"] = Authenticated,
        ["LIST"] = Authenticated, ["LSUB"] = Authenticated, ["STATUS"] = Authenticated, ["APPEND"] = Authenticated,
        ["NAMESPACE"] = Authenticated, ["IDLE"] = Authenticated, ["GETQUOTA"] = Authenticated,
        ["GETQUOTAROOT"] = Authenticated, ["ENABLE"] = [ImapState.Authenticated],
        ["CHECK"] = Selected, ["CLOSE"] = Selected, ["UNSELECT"] = Selected, ["EXPUNGE"] = Selected,
        ["SEARCH"] = Selected, ["FETCH"] = Selected, ["STORE"] = Selected, ["COPY"] = Selected, ["MOVE"] = Selected,
        ["UID SEARCH"] = Selected, ["UID FETCH"] = Selected, ["UID STORE"] = Selected, ["UID COPY"] = Selected,
        ["UID MOVE"] = Selected, ["UID EXPUNGE"] = Selected,
    };

    /// <summary>Whether a command with <paramref name="verb"/> (as <see cref="ImapRequest.Verb"/>) may be used in <paramref name="state"/>.</summary>
    public static bool IsAllowed(ImapState state, string verb) =>
        Rows.TryGetValue(verb.ToUpperInvariant(), out var states) && states.Contains(state);

    public static bool IsAllowed(ImapState state, ImapRequest request) => IsAllowed(state, request.Verb);

    /// <summary>The states in which <paramref name="verb"/> is valid (empty for an unknown verb).</summary>
    public static IReadOnlyList<ImapState> StatesOf(string verb) =>
        Rows.TryGetValue(verb.ToUpperInvariant(), out var states) ? states : [];

    /// <summary>
    /// The text of the BAD reply for a command refused by the table, e.g.
    /// "FETCH not valid in authenticated state, only in selected state".
    /// </summary>
    public static string WrongStateText(ImapState state, string verb)
    {
        verb = verb.ToUpperInvariant();
        var allowed = StatesOf(verb);
        return allowed.Count == 0 || state == ImapState.Logout
            ? $"{verb} not valid in {Name(state)} state"
            : $"{verb} not valid in {Name(state)} state, only in {string.Join(" or ", allowed.Select(Name))} state";
    }

    private static string Name(ImapState state) => state switch
    {
        ImapState.NotAuthenticated => "not authenticated",
        _ => state.ToString().ToLowerInvariant(),
    };
}
