namespace Mail.Protocols.Smtp;

// Commands without a payload: one instance each, compared by reference.

public sealed record Data : ISmtpCommand
{
    public static Data Instance { get; } = new();

    private Data()
    {
    }

    public string Verb => SmtpVerbs.Data;
}

public sealed record Rset : ISmtpCommand
{
    public static Rset Instance { get; } = new();

    private Rset()
    {
    }

    public string Verb => SmtpVerbs.Rset;
}

/// <summary>NOOP; RFC 5321 4.1.1.9 allows an argument, which is ignored.</summary>
public sealed record Noop : ISmtpCommand
{
    public static Noop Instance { get; } = new();

    private Noop()
    {
    }

    public string Verb => SmtpVerbs.Noop;
}

public sealed record Quit : ISmtpCommand
{
    public static Quit Instance { get; } = new();

    private Quit()
    {
    }

    public string Verb => SmtpVerbs.Quit;
}

public sealed record StartTls : ISmtpCommand
{
    public static StartTls Instance { get; } = new();

    private StartTls()
    {
    }

    public string Verb => SmtpVerbs.StartTls;
}
