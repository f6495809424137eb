namespace Mail.Protocols.Imap;

/// <summary>
/// The octets of BODY[section]&lt;partial&gt; and BINARY[part] (RFC 3501 6.4.5, RFC 3516) cut
/// from the raw message with the offsets in its <see cref="MessageSummary"/>: nothing is parsed
/// again. A part that does not exist, or HEADER/TEXT of a part that is not a message/rfc822,
/// gives the empty string, as Dovecot answers.
/// </summary>
public static class BodySectionReader
{
    /// <summary>
    /// What a FETCH item returns: the section (decoded for BINARY), then the partial window.
    /// Null only for BINARY of a part whose Content-Transfer-Encoding is unknown (NO [UNKNOWN-CTE]).
    /// </summary>
    public static byte[]? Fetch(ReadOnlyMemory<byte> message, MessageSummary summary, FetchAttribute.BodySection item) =>
        Fetch(new MessageBytes(message), summary, item);

    public static byte[]? Fetch(Stream message, MessageSummary summary, FetchAttribute.BodySection item) =>
        Fetch(new MessageBytes(message), summary, item);

    /// The section's octets, undecoded and without partial.
    public static byte[] Read(ReadOnlyMemory<byte> message, MessageSummary summary, BodySectionSpec section) =>
        Read(new MessageBytes(message), summary, section);

    public static byte[] Read(Stream message, MessageSummary summary, BodySectionSpec section) =>
        Read(new MessageBytes(message), summary, section);

    /// BINARY.SIZE[part]: the decoded size, or null for an unknown transfer encoding.
    public static long? BinarySize(ReadOnlyMemory<byte> message, MessageSummary summary, IReadOnlyList<int> part) =>
        ReadBinary(new MessageBytes(message), summary, part)?.LongLength;

    public static long? BinarySize(Stream message, MessageSummary summary, IReadOnlyList<int> part) =>
        ReadBinary(new MessageBytes(message), summary, part)?.LongLength;

    /// The &lt;start.count&gt; window: empty when it starts past the end (RFC 3501 6.4.5).
    public static byte[] ApplyPartial(byte[] octets, Partial? partial)
    {
        if (partial is not { } p)
            return octets;
        if (p.Start >= octets.Length || p.Count <= 0)
            return [];
        var count = (int)Math.Min(p.Count, octets.Length - p.Start);
        return octets.AsSpan((int)p.Start, count).ToArray();
    }

    private static byte[]? Fetch(MessageBytes message, MessageSummary summary, FetchAttribute.BodySection item)
    {
        var octets = item.Binary ? ReadBinary(message, summary, item.Section.Part) : Read(message, summary, item.Section);
        return octets is null ? null : ApplyPartial(octets, item.Partial);
    }

    private static byte[] Read(MessageBytes message, MessageSummary summary, BodySectionSpec section)
    {
        var range = Locate(summary, section);
        if (range is not var (start, end))
            return [];
        var octets = message.Slice(start, end);
        return section.Kind switch
        {
            SectionKind.HeaderFields => HeaderFieldFilter.Filter(octets, section.Fields, not: false),
            SectionKind.HeaderFieldsNot => HeaderFieldFilter.Filter(octets, section.Fields, not: true),
            _ => octets,
        };
    }

    private static byte[]? ReadBinary(MessageBytes message, MessageSummary summary, IReadOnlyList<int> path)
    {
        if (path.Count == 0)
            return message.Slice(0, summary.Size);
        if (summary.FindPart(path) is not { } part)
            return [];
        var octets = message.Slice(part.BodyStart, part.End);
        return part.Kind == PartKind.Leaf ? TransferDecoder.Decode(octets, part.TransferEncoding) : octets;
    }

    /// <summary>Where a section lies, or null when it does not exist.</summary>
    public static (long Start, long End)? Locate(MessageSummary summary, BodySectionSpec section)
    {
        if (section.Part.Count == 0)
        {
            return section.Kind switch
            {
                SectionKind.All => (0, summary.Size),
                SectionKind.Header or SectionKind.HeaderFields or SectionKind.HeaderFieldsNot => (0, summary.HeaderLength),
                SectionKind.Text => (summary.HeaderLength, summary.Size),
                _ => null,
            };
        }
        if (summary.FindPart(section.Part) is not { } part)
            return null;
        return section.Kind switch
        {
            SectionKind.All => (part.BodyStart, part.End),
            SectionKind.Mime => (part.HeaderStart, part.BodyStart),
            _ when part.Kind != PartKind.Message => null,
            SectionKind.Text => (part.MessageBodyStart, part.End),
            _ => (part.BodyStart, part.MessageBodyStart),
        };
    }
}
