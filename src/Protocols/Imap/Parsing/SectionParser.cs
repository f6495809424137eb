namespace Mail.Protocols.Imap;

/// <summary>The section specs of BODY[...] and BINARY[...] (RFC 3501 6.4.5 and 9, RFC 3516).</summary>
internal static class SectionParser
{
    /// <remarks><![CDATA[section = "[" [section-spec] "]"
    /// section-spec = section-msgtext / (section-part ["." section-text])
    /// section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"
    /// section-part = nz-number *("." nz-number) ; section-text = section-msgtext / "MIME"]]></remarks>
    public static BodySectionSpec Section(ImapReader r)
    {
        r.Expect('[', "'[' of section");
        if (r.TryTake(']'))
            return BodySectionSpec.Whole;
        var part = new List<int>();
        var kind = SectionKind.All;
        IReadOnlyList<string> fields = [];
        var needText = true;
        while (ImapChars.IsDigit(r.Peek()))
        {
            part.Add((int)Math.Min(r.NzNumber("section part"), int.MaxValue));
            needText = r.TryTake('.');
        }
        if (needText)
        {
            var text = r.Take(c => char.IsAsciiLetter((char)c) || c == '.', "section text").ToUpperInvariant();
            (kind, fields) = text switch
            {
                "HEADER" => (SectionKind.Header, fields),
                "TEXT" => (SectionKind.Text, fields),
                "MIME" when part.Count > 0 => (SectionKind.Mime, fields),
                "HEADER.FIELDS" => (SectionKind.HeaderFields, HeaderList(r)),
                "HEADER.FIELDS.NOT" => (SectionKind.HeaderFieldsNot, HeaderList(r)),
                _ => throw new ImapSyntaxException($"Invalid section {text}"),
            };
        }
        r.Expect(']', "']' after section");
        return new BodySectionSpec(part, kind, fields);
    }

    /// <remarks><![CDATA[section-binary = "[" [section-part] "]" ; RFC 3516]]></remarks>
    public static BodySectionSpec BinarySection(ImapReader r)
    {
        r.Expect('[', "'[' of section");
        var part = new List<int>();
        if (!r.TryTake(']'))
        {
            do
                part.Add((int)Math.Min(r.NzNumber("section part"), int.MaxValue));
            while (r.TryTake('.'));
            r.Expect(']', "']' after section");
        }
        return new BodySectionSpec(part, SectionKind.All, []);
    }

    /// <remarks><![CDATA[header-list = "(" header-fld-name *(SP header-fld-name) ")" ; header-fld-name = astring]]></remarks>
    private static List<string> HeaderList(ImapReader r)
    {
        r.Sp("header list");
        return r.ParenList(() => r.AString("header field name"), "header list", allowEmpty: false);
    }
}
