using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

/// <summary>
/// The optional checks of Postfix's smtpd_*_restrictions that an admin switches on in
/// `maild.smtp.restrictions`, in the order given there. All are evaluated at RCPT (like
/// smtpd_delay_reject), after the access rules; an access rule with OK skips them.
/// </summary>
public enum SmtpRestriction
{
    /// 504 5.5.2 for a HELO/EHLO name without a dot (address literals pass).
    RejectNonFqdnHeloHostname,

    /// 501 5.5.2 for a HELO/EHLO name that is not a host name or an address literal.
    RejectInvalidHeloHostname,

    /// 504 5.5.2 for a sender address whose domain has no dot.
    RejectNonFqdnSender,

    /// 504 5.5.2 for a recipient address whose domain has no dot.
    RejectNonFqdnRecipient,

    /// 450 4.1.8 when the sender's domain has neither MX nor address records (550 5.7.27 for a null MX).
    RejectUnknownSenderDomain,

    /// 503 5.5.0 when a client that did not get PIPELINING (HELO) sends ahead of the replies.
    RejectUnauthPipelining,
}

/// Pure parts of the restrictions: names, and the FQDN and syntax tests.
public static class SmtpRestrictions
{
    public static string Name(SmtpRestriction r) => r switch
    {
        SmtpRestriction.RejectNonFqdnHeloHostname => "reject_non_fqdn_helo_hostname",
        SmtpRestriction.RejectInvalidHeloHostname => "reject_invalid_helo_hostname",
        SmtpRestriction.RejectNonFqdnSender => "reject_non_fqdn_sender",
        SmtpRestriction.RejectNonFqdnRecipient => "reject_non_fqdn_recipient",
        SmtpRestriction.RejectUnknownSenderDomain => "reject_unknown_sender_domain",
        _ => "reject_unauth_pipelining",
    };

    public static bool TryParse(string name, out SmtpRestriction restriction)
    {
        foreach (var r in Enum.GetValues<SmtpRestriction>())
        {
            if (Name(r) == name.Trim())
            {
                restriction = r;
                return true;
            }
        }
        restriction = default;
        return false;
    }

    /// A fully-qualified name has a dot that is not at its end; address literals count as qualified.
    public static bool IsFqdn(string domain)
    {
        if (domain.StartsWith('['))
            return true;
        var name = domain.TrimEnd('.');
        return name.Contains('.');
    }

    /// RFC 1123 host name labels (letters, digits, hyphens, not at a label's ends), or an address literal.
    public static bool IsValidHostname(string name)
    {
        if (name.StartsWith('['))
            return name.EndsWith(']') && System.Net.IPAddress.TryParse(name[1..^1].Replace("IPv6:", "", StringComparison.OrdinalIgnoreCase), out _);
        name = name.TrimEnd('.');
        if (name.Length is 0 or > 253)
            return false;
        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
                return false;
            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                    return false;
            }
        }
        return true;
    }

    /// The domain of a path, or "" for one without (&lt;postmaster&gt;).
    public static string DomainOf(SmtpAddress address) => address.Domain;
}
