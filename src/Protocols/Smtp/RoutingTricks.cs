namespace Mail.Protocols.Smtp;

/// <summary>The routing a recipient's local part may hide (the open-relay tricks of old).</summary>
public enum HiddenRoute
{
    None,

    /// <summary>"user%remote@local": the percent hack (Postfix allow_percent_hack).</summary>
    PercentHack,

    /// <summary>"remote!user@local": a UUCP bang path (Postfix swap_bangpath).</summary>
    BangPath,

    /// <summary>"\"user@remote\"@local": an address inside a quoted local part.</summary>
    QuotedAt,
}

/// <summary>
/// Tells whether a recipient's local part hides a route to another host. A server that
/// honoured any of these forms (sendmail once did) would relay for anyone through an address
/// that looks local; Postfix's reject_unauth_destination refuses "sender-specified routing"
/// from clients that may not relay, and so does maild's session.
/// </summary>
/// <remarks>
/// Source routes ("&lt;@local:user@remote&gt;") need no check here: the path parser drops the
/// route (RFC 5321 4.1.1.3, appendix C), so the address is already the final user@remote and
/// is judged as remote. "user@remote@local" is a syntax error (501 5.1.3) and never gets here.
/// A '%' or '!' only counts with text on both sides, which is what the rewriting needs.
/// </remarks>
public static class RoutingTricks
{
    public static HiddenRoute Classify(SmtpAddress address)
    {
        var local = address.LocalPart;
        if (local.Contains('@'))
        {
            return HiddenRoute.QuotedAt;
        }

        if (IsInside(local, '%'))
        {
            return HiddenRoute.PercentHack;
        }

        return IsInside(local, '!') ? HiddenRoute.BangPath : HiddenRoute.None;
    }

    public static bool Hides(SmtpAddress address) => Classify(address) != HiddenRoute.None;

    private static bool IsInside(string local, char separator)
    {
        var at = local.IndexOf(separator);
        var last = local.LastIndexOf(separator);
        return at > 0 && last < local.Length - 1;
    }
}
