namespace Mail.Protocols.Smtp;

/// <summary>
/// A parsed SMTP command. Commands only describe what the client asked for; the session
/// decides what to do with them (checked against <see cref="SmtpStateTable"/>).
/// </summary>
public interface ISmtpCommand
{
    /// <summary>One of <see cref="SmtpVerbs"/>.</summary>
    string Verb { get; }
}
