namespace Mail.Protocols.Pop3;

// Commands of the AUTHORIZATION state (RFC 1939 section 4 and 7, RFC 2449, RFC 2595, RFC 5034),
// plus the ones valid in every state (CAPA, QUIT).

/// <summary>USER name (RFC 1939 section 7).</summary>
public sealed record User(string Name) : IPop3Command
{
    public string Verb => "USER";
}

/// <summary>PASS string (RFC 1939 section 7). The password is never printed by ToString, so a logged command cannot leak it.</summary>
public sealed record Pass(string Password) : IPop3Command
{
    public string Verb => "PASS";

    public override string ToString() => "Pass { Password = *** }";
}

/// <summary>APOP name digest (RFC 1939 section 7). Parsed so the session can refuse it with a proper reply.</summary>
public sealed record Apop(string Name, string Digest) : IPop3Command
{
    public string Verb => "APOP";
}

/// <summary>
/// AUTH [mechanism [initial-response]] (RFC 5034). No mechanism means "list the mechanisms"
/// (the pre-standard form many clients still probe with). The mechanism is upper-cased;
/// the initial response is the raw base64 text, or "=" for an empty response.
/// </summary>
public sealed record Auth(string? Mechanism, string? InitialResponse) : IPop3Command
{
    public string Verb => "AUTH";

    public override string ToString() =>
        $"Auth {{ Mechanism = {Mechanism}, InitialResponse = {(InitialResponse is null ? "" : "***")} }}";
}

/// <summary>CAPA (RFC 2449 section 5).</summary>
public sealed record Capa : IPop3Command
{
    public static readonly Capa Instance = new();

    private Capa() { }

    public string Verb => "CAPA";
}

/// <summary>STLS (RFC 2595 section 4).</summary>
public sealed record Stls : IPop3Command
{
    public static readonly Stls Instance = new();

    private Stls() { }

    public string Verb => "STLS";
}

/// <summary>QUIT (RFC 1939 sections 4 and 6).</summary>
public sealed record Quit : IPop3Command
{
    public static readonly Quit Instance = new();

    private Quit() { }

    public string Verb => "QUIT";
}
