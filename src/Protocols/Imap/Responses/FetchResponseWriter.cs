namespace Mail.Protocols.Imap;

/// <summary>
/// One "* n FETCH (...)" response (RFC 3501 7.4.2) as bytes. Items are named as the response
/// names them: BODY.PEEK[...] is answered as BODY[...], a partial echoes only its origin
/// ("BODY[]&lt;0&gt;"), MODSEQ is parenthesised (RFC 7162 3.1.4.1). Section content always goes
/// as a literal (literal8 when it holds NUL, RFC 3516).
/// </summary>
public sealed class FetchResponseWriter
{
    private readonly ImapWriter writer;
    private bool first = true;

    public FetchResponseWriter(long sequence, bool utf8Accepted = false)
    {
        writer = new ImapWriter(utf8Accepted);
        writer.Ascii("* ").Number(sequence).Ascii(" FETCH (");
    }

    public static byte[] Write(long sequence, IEnumerable<(FetchAttribute Item, FetchValue Value)> items, bool utf8Accepted = false)
    {
        var response = new FetchResponseWriter(sequence, utf8Accepted);
        foreach (var (item, value) in items)
            response.Add(item, value);
        return response.ToArray();
    }

    public FetchResponseWriter Add(FetchAttribute item, FetchValue value)
    {
        if (!first)
            writer.Byte((byte)' ');
        first = false;
        writer.Ascii(Name(item)).Byte((byte)' ');
        switch (value)
        {
            case FetchValue.Number n when item == FetchAttribute.ModSeq:
                writer.Byte((byte)'(').Number(n.Value).Byte((byte)')');
                break;
            case FetchValue.Number n:
                writer.Number(n.Value);
                break;
            case FetchValue.FlagSet flags:
                FlagList.Write(writer, flags.Flags);
                break;
            case FetchValue.Date date:
                writer.Ascii(ImapDate.Quoted(date.Value));
                break;
            case FetchValue.Rendered rendered:
                writer.Bytes(rendered.Text);
                break;
            case FetchValue.Octets { Data: null }:
                writer.Nil();
                break;
            case FetchValue.Octets octets:
                writer.Literal(octets.Data);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name);
        }
        return this;
    }

    /// The whole response with its CRLF; the writer is not to be used afterwards.
    public byte[] ToArray()
    {
        writer.Ascii(")\r\n");
        return writer.ToArray();
    }

    /// What the response calls an item (RFC 3501 7.4.2 msg-att).
    public static string Name(FetchAttribute item) => item switch
    {
        FetchAttribute.Simple simple => simple.Name,
        FetchAttribute.BodySection { Binary: true } b => "BINARY[" + string.Join('.', b.Section.Part) + "]" + Origin(b.Partial),
        FetchAttribute.BodySection b => "BODY[" + b.Section + "]" + Origin(b.Partial),
        FetchAttribute.BinarySize size => "BINARY.SIZE[" + string.Join('.', size.Part) + "]",
        _ => throw new ArgumentOutOfRangeException(nameof(item), item.GetType().Name),
    };

    private static string Origin(Partial? partial) =>
        partial is { } p ? "<" + p.Start.ToString(System.Globalization.CultureInfo.InvariantCulture) + ">" : "";
}
