namespace Mail.Protocols.Imap;

/// <summary>
/// What SEARCH may ask of one message. Everything but <see cref="Text"/> and <see cref="Header"/>
/// comes from the mailbox state and the stored <see cref="MessageSummary"/>; implementations
/// make <see cref="Text"/> lazy (it reads and decodes the body, see <see cref="MessageText"/>) so
/// that flag, size, date and common header keys never touch the message file.
/// </summary>
public interface ISearchableMessage
{
    long Sequence { get; }
    long Uid { get; }
    IReadOnlyList<string> Flags { get; }
    bool Recent { get; }
    DateTimeOffset InternalDate { get; }
    long Size { get; }
    ulong ModSeq { get; }
    MessageSummary Summary { get; }

    /// All values of a header field, decoded and joined (see <see cref="MessageText.Header"/>); null when absent.
    string? Header(string field);

    /// The decoded text of the message's text parts, with the decoded header first when <paramref name="headersToo"/>.
    string Text(bool headersToo);
}
