namespace Mail.Protocols.Pop3;

// Commands of the TRANSACTION state (RFC 1939 sections 5 and 7). Message numbers are
// validated by the parser to be positive; whether they exist is the Maildrop's business.

/// <summary>STAT.</summary>
public sealed record Stat : IPop3Command
{
    public static readonly Stat Instance = new();

    private Stat() { }

    public string Verb => "STAT";
}

/// <summary>LIST [msg]; null lists every non-deleted message.</summary>
public sealed record List(int? Message) : IPop3Command
{
    public string Verb => "LIST";
}

/// <summary>UIDL [msg]; null lists every non-deleted message.</summary>
public sealed record Uidl(int? Message) : IPop3Command
{
    public string Verb => "UIDL";
}

/// <summary>RETR msg.</summary>
public sealed record Retr(int Message) : IPop3Command
{
    public string Verb => "RETR";
}

/// <summary>TOP msg n: the header and the first <paramref name="Lines"/> body lines (0 allowed).</summary>
public sealed record Top(int Message, int Lines) : IPop3Command
{
    public string Verb => "TOP";
}

/// <summary>DELE msg.</summary>
public sealed record Dele(int Message) : IPop3Command
{
    public string Verb => "DELE";
}

/// <summary>RSET.</summary>
public sealed record Rset : IPop3Command
{
    public static readonly Rset Instance = new();

    private Rset() { }

    public string Verb => "RSET";
}

/// <summary>NOOP.</summary>
public sealed record Noop : IPop3Command
{
    public static readonly Noop Instance = new();

    private Noop() { }

    public string Verb => "NOOP";
}
