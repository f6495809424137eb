namespace Mail.Protocols.Smtp;

/// <summary>
/// Which verbs each state allows and the state a success leads to, as one declarative
/// table (after cosullivan/SmtpServer's SmtpStateTable). The refusal replies are derived
/// from the same table, so the two cannot drift apart.
/// </summary>
/// <remarks>
/// "Success" means the command was accepted: a rejected RCPT leaves the state alone, and
/// DATA (or BDAT LAST) leads to <see cref="SmtpState.Ready"/> once the message has been
/// received and answered, not when 354 is sent. BDAT leads to <see cref="SmtpState.ChunksGiven"/>,
/// where only more BDAT (and the commands allowed everywhere) may follow; the session moves on
/// to Ready once BDAT LAST was committed.
/// </remarks>
public static class SmtpStateTable
{
    private static readonly Dictionary<SmtpState, Dictionary<string, SmtpState>> Table = new()
    {
        [SmtpState.Connected] = new()
        {
            [SmtpVerbs.StartTls] = SmtpState.Connected,
        },
        [SmtpState.Ready] = new()
        {
            [SmtpVerbs.Mail] = SmtpState.MailGiven,
            [SmtpVerbs.Auth] = SmtpState.Ready,
            [SmtpVerbs.StartTls] = SmtpState.Connected,
        },
        [SmtpState.MailGiven] = new()
        {
            [SmtpVerbs.Rcpt] = SmtpState.RcptGiven,
        },
        [SmtpState.RcptGiven] = new()
        {
            [SmtpVerbs.Rcpt] = SmtpState.RcptGiven,
            [SmtpVerbs.Data] = SmtpState.Ready,
            [SmtpVerbs.Bdat] = SmtpState.ChunksGiven,
        },
        [SmtpState.ChunksGiven] = new()
        {
            [SmtpVerbs.Bdat] = SmtpState.ChunksGiven,
        },
    };

    // RFC 3030 2: no DATA (nor a new envelope) once chunks were sent; Postfix's wording.
    private static readonly Dictionary<string, SmtpReply> AfterBdat = new()
    {
        [SmtpVerbs.Data] = new(503, "5.5.1", "Error: DATA after BDAT"),
        [SmtpVerbs.Mail] = new(503, "5.5.1", "Error: MAIL after BDAT"),
        [SmtpVerbs.Rcpt] = new(503, "5.5.1", "Error: RCPT after BDAT"),
    };

    // Allowed in every state; null = the state does not change.
    private static readonly Dictionary<string, SmtpState?> Everywhere = new()
    {
        [SmtpVerbs.Ehlo] = SmtpState.Ready, // RFC 5321 4.1.4: EHLO also aborts a transaction
        [SmtpVerbs.Helo] = SmtpState.Ready,
        [SmtpVerbs.Noop] = null,
        [SmtpVerbs.Vrfy] = null,
        [SmtpVerbs.Help] = null,
        [SmtpVerbs.Quit] = null,
        [SmtpVerbs.Rset] = null, // see Next: RSET goes to Ready unless HELO is still missing
    };

    // The command that leads into a state, named in the 503 sent when it is missing.
    private static readonly Dictionary<SmtpState, SmtpReply> Prerequisite = new()
    {
        [SmtpState.Ready] = SmtpReply.NeedHelo,
        [SmtpState.MailGiven] = SmtpReply.NeedMail,
        [SmtpState.RcptGiven] = SmtpReply.NeedRcpt,
    };

    public static bool IsAllowed(SmtpState state, string verb) =>
        Everywhere.ContainsKey(Known(verb)) || Table[state].ContainsKey(verb);

    public static bool IsAllowed(SmtpState state, ISmtpCommand command) => IsAllowed(state, command.Verb);

    /// <summary>The state after <paramref name="verb"/> succeeded in <paramref name="state"/>.</summary>
    public static SmtpState Next(SmtpState state, string verb)
    {
        if (Everywhere.TryGetValue(Known(verb), out var next))
        {
            return next ?? (verb == SmtpVerbs.Rset && state != SmtpState.Connected ? SmtpState.Ready : state);
        }

        return Table[state].TryGetValue(verb, out var target)
            ? target
            : throw new InvalidOperationException($"{verb} is not allowed in {state}.");
    }

    /// <summary>
    /// The refusal of a verb the state does not allow: a 503 5.5.1 naming the missing step
    /// ("send HELO/EHLO first", "need MAIL command", "need RCPT command") or the conflict
    /// ("nested MAIL command", "MAIL transaction in progress").
    /// </summary>
    /// <remarks>
    /// One exception, kept here so that sessions need no special case: DATA or BDAT after
    /// MAIL but with no accepted recipient is "554 5.5.1 Error: no valid recipients"
    /// (<see cref="SmtpReply.NoValidRecipients"/>), as RFC 5321 3.3 allows and Postfix does.
    /// </remarks>
    public static SmtpReply BadSequence(SmtpState state, string verb)
    {
        if (IsAllowed(state, verb))
        {
            throw new InvalidOperationException($"{verb} is allowed in {state}.");
        }

        if (state == SmtpState.MailGiven && verb is SmtpVerbs.Data or SmtpVerbs.Bdat)
        {
            return SmtpReply.NoValidRecipients;
        }

        if (state == SmtpState.ChunksGiven && AfterBdat.TryGetValue(verb, out var afterBdat))
        {
            return afterBdat;
        }

        var allowedIn = Table.Where(row => row.Value.ContainsKey(verb)).Select(row => row.Key).ToList();
        var earliest = allowedIn.Min();
        if (state < earliest)
        {
            return Prerequisite[earliest];
        }

        return verb == SmtpVerbs.Mail ? SmtpReply.NestedMail : SmtpReply.TransactionInProgress;
    }

    private static string Known(string verb) =>
        Everywhere.ContainsKey(verb) || Table.Values.Any(row => row.ContainsKey(verb))
            ? verb
            : throw new ArgumentException($"Unknown SMTP verb {verb}.", nameof(verb));
}
