namespace Mail.Protocols.Imap;

/// <summary>
/// One complete client command: its tag and what it asks for. Commands only describe the
/// request; the session decides (see <see cref="ImapStateTable"/>). Mailbox names are kept as
/// sent (modified UTF-7, RFC 3501 5.1.3); the session decodes them with <see cref="ModifiedUtf7"/>.
/// </summary>
public sealed record ImapCommand(string Tag, ImapRequest Request)
{
    /// Never print credentials or message bodies into logs.
    public override string ToString() => $"{Tag} {Request.Verb}";
}

/// <summary>What a command asks for. <see cref="Verb"/> is the upper-case command name ("UID FETCH" for the UID forms).</summary>
public abstract record ImapRequest
{
    public abstract string Verb { get; }
}
