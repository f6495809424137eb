namespace Mail.Protocols.Smtp;

/// <summary>
/// The "with" protocol of a Received line, from the IANA mail transmission types registry:
/// SMTP and ESMTP (RFC 5321), the A/S suffixes for AUTH and STARTTLS (RFC 3848), and the
/// UTF8SMTP family (RFC 6531 3.7.3) when the transaction used SMTPUTF8.
/// </summary>
public static class ReceivedProtocol
{
    /// <remarks><![CDATA[Protocol = "ESMTP" / "SMTP" / Attdl-Protocol   ; RFC 5321 4.4]]>
    /// SMTPUTF8 is only possible after EHLO, so it wins over <paramref name="esmtp"/>.</remarks>
    public static string For(bool esmtp, bool smtpUtf8 = false, bool tls = false, bool authenticated = false)
    {
        var suffix = (tls ? "S" : "") + (authenticated ? "A" : "");
        if (smtpUtf8)
        {
            return "UTF8SMTP" + suffix;
        }

        return esmtp ? "ESMTP" + suffix : "SMTP";
    }
}
