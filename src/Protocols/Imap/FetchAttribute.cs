namespace Mail.Protocols.Imap;

/// <summary>One item of a FETCH request (RFC 3501 6.4.5), macros already expanded.</summary>
public abstract record FetchAttribute
{
    public static readonly FetchAttribute Flags = new Simple("FLAGS");
    public static readonly FetchAttribute InternalDate = new Simple("INTERNALDATE");
    public static readonly FetchAttribute Rfc822Size = new Simple("RFC822.SIZE");
    public static readonly FetchAttribute Envelope = new Simple("ENVELOPE");
    /// BODY without a section: the non-extensible BODYSTRUCTURE.
    public static readonly FetchAttribute Body = new Simple("BODY");
    public static readonly FetchAttribute BodyStructure = new Simple("BODYSTRUCTURE");
    public static readonly FetchAttribute Uid = new Simple("UID");
    public static readonly FetchAttribute ModSeq = new Simple("MODSEQ");
    /// RFC822 (= BODY[], sets \Seen), RFC822.HEADER (= BODY.PEEK[HEADER]), RFC822.TEXT (= BODY[TEXT], sets \Seen):
    /// kept apart because the response names them as asked.
    public static readonly FetchAttribute Rfc822 = new Simple("RFC822");
    public static readonly FetchAttribute Rfc822Header = new Simple("RFC822.HEADER");
    public static readonly FetchAttribute Rfc822Text = new Simple("RFC822.TEXT");

    /// An attribute without arguments; <paramref name="Name"/> is what the response calls it.
    public sealed record Simple(string Name) : FetchAttribute;

    /// <summary>
    /// BODY[section]&lt;partial&gt; or BODY.PEEK[...]. <paramref name="Peek"/> does not set \Seen.
    /// <paramref name="Binary"/> is BINARY[...] / BINARY.PEEK (RFC 3516), decoded content.
    /// </summary>
    public sealed record BodySection(BodySectionSpec Section, bool Peek, Partial? Partial = null, bool Binary = false) : FetchAttribute;

    /// BINARY.SIZE[part] (RFC 3516).
    public sealed record BinarySize(IReadOnlyList<int> Part) : FetchAttribute;
}

/// &lt;start.count&gt;: from octet <paramref name="Start"/>, at most <paramref name="Count"/> octets.
public readonly record struct Partial(long Start, long Count);

public enum SectionKind
{
    /// BODY[] or BODY[1.2]: the whole message or the whole part.
    All,
    Header,
    HeaderFields,
    HeaderFieldsNot,
    Text,
    /// BODY[1.2.MIME]: the part's own MIME header.
    Mime,
}

/// <summary>
/// A section spec: a part path (empty for the top-level message; "1.2" is [1, 2]), what of it,
/// and for HEADER.FIELDS (NOT) the field names as sent. <see cref="ToString"/> gives the text the
/// response echoes, e.g. "1.2.HEADER.FIELDS (FROM TO)" or "" for BODY[].
/// </summary>
public sealed record BodySectionSpec(IReadOnlyList<int> Part, SectionKind Kind, IReadOnlyList<string> Fields)
{
    public static readonly BodySectionSpec Whole = new([], SectionKind.All, []);

    public override string ToString()
    {
        var part = string.Join('.', Part);
        var kind = Kind switch
        {
            SectionKind.All => "",
            SectionKind.Header => "HEADER",
            SectionKind.HeaderFields => "HEADER.FIELDS (" + string.Join(' ', Fields) + ")",
            SectionKind.HeaderFieldsNot => "HEADER.FIELDS.NOT (" + string.Join(' ', Fields) + ")",
            SectionKind.Text => "TEXT",
            SectionKind.Mime => "MIME",
            _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
        };
        return part.Length == 0 ? kind : kind.Length == 0 ? part : part + "." + kind;
    }
}
