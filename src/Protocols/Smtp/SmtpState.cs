namespace Mail.Protocols.Smtp;

/// <summary>Where an SMTP session stands in the RFC 5321 command sequence.</summary>
public enum SmtpState
{
    /// <summary>Greeted, no HELO/EHLO yet (also again after STARTTLS, RFC 3207 4.2).</summary>
    Connected,

    /// <summary>HELO/EHLO done, no mail transaction.</summary>
    Ready,

    /// <summary>MAIL accepted, no RCPT accepted yet.</summary>
    MailGiven,

    /// <summary>At least one RCPT accepted.</summary>
    RcptGiven,

    /// <summary>A BDAT chunk accepted, not yet the LAST one (RFC 3030): only BDAT goes on.</summary>
    ChunksGiven,
}
