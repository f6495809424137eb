namespace Mail.Protocols.Smtp;

/// <summary>
/// Parses the paths of MAIL FROM and RCPT TO (RFC 5321 4.1.2), with the leniencies
/// real clients need and Postfix grants: no angle brackets, UTF-8 (RFC 6531) anywhere.
/// </summary>
internal static class SmtpPathParser
{
    // RFC 5321 4.5.3.1: limits in octets, the path counted with its brackets.
    private const int MaxPathOctets = 256;
    private const int MaxLocalPartOctets = 64;

    /// <summary>Parses a path at <paramref name="pos"/> and leaves <paramref name="pos"/> after it.</summary>
    /// <param name="address">The mailbox; null only for a sender's "&lt;&gt;".</param>
    /// <remarks><![CDATA[
    /// Reverse-path = Path / "<>"
    /// Forward-path = "<Postmaster@" Domain ">" / "<Postmaster>" / Path
    /// Path         = "<" [ A-d-l ":" ] Mailbox ">"
    /// A-d-l        = At-domain *( "," At-domain )
    /// At-domain    = "@" Domain
    /// ]]>
    /// Departures: a Mailbox without brackets is accepted (Postfix's default, many scripts
    /// send it); a source route is checked and then dropped, as RFC 5321 4.1.1.3 and C.
    /// tell servers to do.
    /// </remarks>
    public static bool TryParse(string text, ref int pos, bool isSender, out SmtpAddress? address, out SmtpReply? error)
    {
        address = null;
        var start = pos;
        var badSyntax = isSender ? SmtpReply.BadSenderSyntax : SmtpReply.BadRecipientSyntax;
        error = badSyntax;
        var bracketed = pos < text.Length && text[pos] == '<';
        if (bracketed)
        {
            pos++;
            if (pos < text.Length && text[pos] == '>')
            {
                pos++;
                error = isSender ? null : badSyntax;
                return isSender;
            }

            if (pos < text.Length && text[pos] == '@' && !TrySkipSourceRoute(text, ref pos))
            {
                return false;
            }
        }

        int localOctets;
        if (!isSender && IsPostmaster(text, pos))
        {
            pos += "postmaster".Length;
            address = SmtpAddress.Postmaster;
            localOctets = address.LocalPart.Length;
        }
        else if (!SmtpMailboxParser.TryMailbox(text, ref pos, out address, out localOctets))
        {
            return false;
        }

        if (bracketed)
        {
            if (pos >= text.Length || text[pos] != '>')
            {
                return false;
            }

            pos++;
        }

        var pathOctets = SmtpChars.Utf8Length(text[start..pos]) + (bracketed ? 0 : 2);
        if (pathOctets > MaxPathOctets || localOctets > MaxLocalPartOctets)
        {
            error = isSender ? SmtpReply.SenderPathTooLong : SmtpReply.RecipientPathTooLong;
            return false;
        }

        error = null;
        return true;
    }

    // "<Postmaster>": the one mailbox without a domain (RFC 5321 4.1.1.3), case-insensitive.
    private static bool IsPostmaster(string text, int pos) =>
        text.AsSpan(pos).StartsWith("postmaster", StringComparison.OrdinalIgnoreCase)
        && (pos + 10 == text.Length || text[pos + 10] is '>' or ' ');

    private static bool TrySkipSourceRoute(string text, ref int pos)
    {
        while (pos < text.Length && text[pos] == '@')
        {
            pos++;
            if (!SmtpDomainParser.TryDomain(text, ref pos, out _) || pos >= text.Length)
            {
                return false;
            }

            if (text[pos] == ':')
            {
                pos++;
                return true;
            }

            if (text[pos] != ',')
            {
                return false;
            }

            pos++;
        }

        return false;
    }
}
