namespace Mail.Protocols.Pop3;

/// <summary>
/// Which command is valid in which state, as data, so the session asks one table and the
/// wrong-state reply lists exactly what the table allows.
/// </summary>
/// <remarks>
/// PASS is valid only right after a USER that got "+OK" (RFC 1939 section 7); the session
/// passes that as <c>afterUser</c> and clears it after any other command. RFC 1939 lets the
/// client follow USER only with PASS or QUIT; we also accept the other AUTHORIZATION commands
/// (a new USER, CAPA, AUTH...), as Dovecot and Cyrus do, since refusing them protects nothing.
/// </remarks>
public static class Pop3StateTable
{
    private static readonly (string Verb, Pop3State State)[] Rows =
    [
        ("USER", Pop3State.Authorization),
        ("PASS", Pop3State.Authorization),
        ("APOP", Pop3State.Authorization),
        ("AUTH", Pop3State.Authorization),
        ("STLS", Pop3State.Authorization),
        ("CAPA", Pop3State.Authorization),
        ("QUIT", Pop3State.Authorization),
        ("STAT", Pop3State.Transaction),
        ("LIST", Pop3State.Transaction),
        ("UIDL", Pop3State.Transaction),
        ("RETR", Pop3State.Transaction),
        ("TOP", Pop3State.Transaction),
        ("DELE", Pop3State.Transaction),
        ("RSET", Pop3State.Transaction),
        ("NOOP", Pop3State.Transaction),
        ("CAPA", Pop3State.Transaction),
        ("QUIT", Pop3State.Transaction),
    ];

    /// <summary>Whether <paramref name="verb"/> may be used in <paramref name="state"/>.</summary>
    public static bool IsAllowed(Pop3State state, string verb, bool afterUser = false) =>
        AllowedVerbs(state, afterUser).Contains(verb.ToUpperInvariant());

    public static bool IsAllowed(Pop3State state, IPop3Command command, bool afterUser = false) =>
        IsAllowed(state, command.Verb, afterUser);

    /// <summary>The verbs valid in <paramref name="state"/>, in table order.</summary>
    public static IReadOnlyList<string> AllowedVerbs(Pop3State state, bool afterUser = false) =>
        [.. Rows.Where(r => r.State == state && (r.Verb != "PASS" || afterUser)).Select(r => r.Verb)];

    /// <summary>
    /// The reply text for a command refused by the table, without "-ERR ", e.g.
    /// "STAT not valid in AUTHORIZATION state, expected USER/APOP/AUTH/STLS/CAPA/QUIT".
    /// </summary>
    public static string WrongStateText(Pop3State state, string verb, bool afterUser = false)
    {
        verb = verb.ToUpperInvariant();
        if (state == Pop3State.Authorization && verb == "PASS" && !afterUser)
            return "PASS must follow a successful USER";
        var allowed = AllowedVerbs(state, afterUser);
        var name = state.ToString().ToUpperInvariant();
        return allowed.Count == 0
            ? $"{verb} not valid in {name} state"
            : $"{verb} not valid in {name} state, expected {string.Join('/', allowed)}";
    }

    /// <summary>The complete "-ERR ..." reply for a command refused by the table.</summary>
    public static byte[] WrongState(Pop3State state, IPop3Command command, bool afterUser = false) =>
        Pop3Reply.Err(WrongStateText(state, command.Verb, afterUser));
}
