using Mail.Actors.Mailbox;

namespace Mail.Actors.Imap;

/// <summary>
/// Flags as the session shows them: the stored ones (<see cref="MessageFlags"/>, which also
/// decides what a client may set) plus \Recent, which belongs to sessions, never to the store.
/// </summary>
public static class ImapFlags
{
    public const string Recent = "\\Recent";

    /// "\Seen \Flagged $Label1", plus \Recent for this session's recent messages.
    public static string Render(IReadOnlyList<string> flags, bool recent) =>
        recent ? string.Join(' ', flags.Append(Recent)) : string.Join(' ', flags);
}
