namespace Mail.Protocols.Pop3;

/// <summary>
/// A parsed POP3 command. Commands only describe what the client asked for; the session
/// decides what to do with them (see <see cref="Pop3StateTable"/>).
/// </summary>
public interface IPop3Command
{
    /// <summary>The upper-case keyword, e.g. "RETR"; the key into <see cref="Pop3StateTable"/>.</summary>
    string Verb { get; }
}
