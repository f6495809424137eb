namespace Mail.Protocols.Smtp;

/// <summary>The Mailbox of RFC 5321 4.1.2: a local part, "@", and a domain or address literal.</summary>
internal static class SmtpMailboxParser
{
    /// <remarks><![CDATA[
    /// Mailbox    = Local-part "@" ( Domain / address-literal )
    /// Local-part = Dot-string / Quoted-string
    /// Quoted-string = DQUOTE *QcontentSMTP DQUOTE
    /// ]]></remarks>
    public static bool TryMailbox(string text, ref int pos, out SmtpAddress? address, out int localOctets)
    {
        address = null;
        var localStart = pos;
        string local;
        if (pos < text.Length && text[pos] == '"')
        {
            if (!TryQuotedString(text, ref pos, out local))
            {
                localOctets = 0;
                return false;
            }
        }
        else
        {
            while (pos < text.Length && (text[pos] == '.' || SmtpChars.IsAtext(text[pos])))
            {
                pos++;
            }

            local = text[localStart..pos];
            if (!SmtpChars.IsDotString(local))
            {
                localOctets = 0;
                return false;
            }
        }

        localOctets = SmtpChars.Utf8Length(text[localStart..pos]);
        if (pos >= text.Length || text[pos] != '@')
        {
            return false;
        }

        pos++;
        if (!SmtpDomainParser.TryDomainOrLiteral(text, ref pos, out var domain))
        {
            return false;
        }

        address = new SmtpAddress(local, domain);
        return true;
    }

    private static bool TryQuotedString(string text, ref int pos, out string content)
    {
        var unquoted = new System.Text.StringBuilder();
        content = "";
        for (pos++; pos < text.Length; pos++)
        {
            var c = text[pos];
            if (c == '"')
            {
                pos++;
                content = unquoted.ToString();
                return true;
            }

            if (c == '\\')
            {
                if (++pos >= text.Length || !SmtpChars.IsQuotedPairChar(text[pos]))
                {
                    return false;
                }

                unquoted.Append(text[pos]);
            }
            else if (SmtpChars.IsQtext(c))
            {
                unquoted.Append(c);
            }
            else
            {
                return false;
            }
        }

        return false;
    }
}
