namespace Mail.Protocols.Smtp;

// The command records. Argument checks live in SmtpCommandParser; these only carry data.

/// <summary>EHLO with the client's name as sent (address literals keep their brackets).</summary>
public sealed record Ehlo(string Domain) : ISmtpCommand
{
    public string Verb => SmtpVerbs.Ehlo;
}

public sealed record Helo(string Domain) : ISmtpCommand
{
    public string Verb => SmtpVerbs.Helo;
}

public sealed record MailFrom(ReversePath Sender, MailParameters Parameters) : ISmtpCommand
{
    public string Verb => SmtpVerbs.Mail;
}

public sealed record RcptTo(SmtpAddress Recipient, RcptParameters Parameters) : ISmtpCommand
{
    public string Verb => SmtpVerbs.Rcpt;
}

/// <summary>VRFY with its argument as sent; RFC 5321 3.5.3 lets it be a name or an address.</summary>
public sealed record Vrfy(string Argument) : ISmtpCommand
{
    public string Verb => SmtpVerbs.Vrfy;
}

public sealed record Help(string? Topic) : ISmtpCommand
{
    public string Verb => SmtpVerbs.Help;
}

/// <summary>AUTH (RFC 4954); <see cref="Mechanism"/> is upper case, the initial response is "=" for an empty one.</summary>
public sealed record Auth(string Mechanism, string? InitialResponse) : ISmtpCommand
{
    public string Verb => SmtpVerbs.Auth;

    // The initial response may be a password in base64: keep it out of logs.
    public override string ToString() =>
        $"Auth {{ Mechanism = {Mechanism}, InitialResponse = {(InitialResponse is null ? "none" : "<hidden>")} }}";
}

/// <summary>BDAT (RFC 3030). The <see cref="Size"/> octets that follow the line are not read by the receiver yet.</summary>
public sealed record Bdat(long Size, bool Last) : ISmtpCommand
{
    public string Verb => SmtpVerbs.Bdat;
}
