namespace Mail.Protocols.Smtp;

/// <summary>The verbs the parser knows, upper case, as used by <see cref="ISmtpCommand.Verb"/> and the state table.</summary>
public static class SmtpVerbs
{
    public const string Ehlo = "EHLO";
    public const string Helo = "HELO";
    public const string Mail = "MAIL";
    public const string Rcpt = "RCPT";
    public const string Data = "DATA";
    public const string Bdat = "BDAT";
    public const string Rset = "RSET";
    public const string Noop = "NOOP";
    public const string Quit = "QUIT";
    public const string Vrfy = "VRFY";
    public const string Help = "HELP";
    public const string StartTls = "STARTTLS";
    public const string Auth = "AUTH";
}
