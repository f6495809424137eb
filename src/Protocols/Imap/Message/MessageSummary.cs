using System.Text;

namespace Mail.Protocols.Imap;

/// <summary>
/// Everything FETCH and SEARCH need about a stored message without reading it again: computed
/// once from the raw bytes by <see cref="MessageSummaryBuilder"/>, kept beside the message as a
/// small sidecar (<see cref="Serialize"/>). <see cref="Envelope"/>, <see cref="Body"/> and
/// <see cref="BodyStructure"/> are the exact octets that follow "ENVELOPE ", "BODY " and
/// "BODYSTRUCTURE " in a FETCH response (header text kept raw, as Dovecot does, so 8-bit text
/// travels as literals). The header values for SEARCH are RFC 2047-decoded and unfolded, all
/// occurrences joined with ", "; null when the header is absent.
/// </summary>
public sealed record MessageSummary(
    long Size,
    long HeaderLength,
    byte[] Envelope,
    byte[] Body,
    byte[] BodyStructure,
    IReadOnlyList<MessagePartLocation> Parts,
    DateTimeOffset? Date,
    string? From,
    string? To,
    string? Cc,
    string? Bcc,
    string? Subject,
    string? MessageId)
{
    /// The sidecar layout version; <see cref="Deserialize"/> refuses any other (the caller rebuilds).
    public const byte FormatVersion = 1;

    public static MessageSummary Create(Stream message) => MessageSummaryBuilder.Build(message);

    public static MessageSummary Create(ReadOnlyMemory<byte> message) => MessageSummaryBuilder.Build(message);

    /// The part at an IMAP part path, or null when the message has no such part.
    public MessagePartLocation? FindPart(IReadOnlyList<int> path)
    {
        foreach (var part in Parts)
            if (part.Is(path))
                return part;
        return null;
    }

    /// One of the headers kept here (From, To, Cc, Bcc, Subject, Message-ID), else false.
    public bool TryGetHeader(string field, out string? value)
    {
        (var known, value) = field.ToUpperInvariant() switch
        {
            "FROM" => (true, From),
            "TO" => (true, To),
            "CC" => (true, Cc),
            "BCC" => (true, Bcc),
            "SUBJECT" => (true, Subject),
            "MESSAGE-ID" => (true, MessageId),
            _ => (false, null),
        };
        return known;
    }

    public string EnvelopeText => Encoding.UTF8.GetString(Envelope);
    public string BodyText => Encoding.UTF8.GetString(Body);
    public string BodyStructureText => Encoding.UTF8.GetString(BodyStructure);

    public byte[] Serialize() => MessageSummarySerializer.Serialize(this);

    /// <exception cref="InvalidDataException">Not a sidecar of <see cref="FormatVersion"/>: rebuild it from the message.</exception>
    public static MessageSummary Deserialize(ReadOnlySpan<byte> data) => MessageSummarySerializer.Deserialize(data);
}
