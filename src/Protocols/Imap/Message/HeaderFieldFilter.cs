namespace Mail.Protocols.Imap;

/// <summary>
/// HEADER.FIELDS and HEADER.FIELDS.NOT (RFC 3501 6.4.5): the header fields whose names are (or
/// are not) in the list, compared case-insensitively, each kept whole with its folded lines and
/// line ends as stored, then the blank line that ends a header. Lines without a colon are not
/// fields and never selected.
/// </summary>
public static class HeaderFieldFilter
{
    public static byte[] Filter(ReadOnlySpan<byte> header, IReadOnlyList<string> fields, bool not)
    {
        var output = new MemoryStream(header.Length);
        var position = 0;
        while (position < header.Length)
        {
            var fieldEnd = FieldEnd(header, position);
            var field = header[position..fieldEnd];
            if (IsBlankLine(field))
                break;
            var colon = field.IndexOf((byte)':');
            if (colon > 0 && Listed(field[..colon].TrimEnd(" \t"u8), fields) != not)
            {
                output.Write(field);
                if (field[^1] != (byte)'\n')
                    output.Write("\r\n"u8);
            }
            position = fieldEnd;
        }
        output.Write("\r\n"u8);
        return output.ToArray();
    }

    /// The end of the field starting at <paramref name="start"/>: past its last continuation line.
    private static int FieldEnd(ReadOnlySpan<byte> header, int start)
    {
        var end = LineEnd(header, start);
        if (IsBlankLine(header[start..end]))
            return end;
        while (end < header.Length && header[end] is (byte)' ' or (byte)'\t')
            end = LineEnd(header, end);
        return end;
    }

    private static int LineEnd(ReadOnlySpan<byte> text, int start)
    {
        var lf = text[start..].IndexOf((byte)'\n');
        return lf < 0 ? text.Length : start + lf + 1;
    }

    private static bool IsBlankLine(ReadOnlySpan<byte> line) => line.SequenceEqual("\r\n"u8) || line.SequenceEqual("\n"u8);

    private static bool Listed(ReadOnlySpan<byte> name, IReadOnlyList<string> fields)
    {
        foreach (var field in fields)
        {
            if (field.Length != name.Length)
                continue;
            var same = true;
            for (var i = 0; i < name.Length && same; i++)
                same = char.ToUpperInvariant((char)name[i]) == char.ToUpperInvariant(field[i]);
            if (same)
                return true;
        }
        return false;
    }
}
