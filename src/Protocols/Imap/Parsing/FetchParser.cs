namespace Mail.Protocols.Imap;

/// <summary>FETCH and UID FETCH (RFC 3501 6.4.5, BINARY RFC 3516, CONDSTORE/QRESYNC RFC 7162).</summary>
internal static class FetchParser
{
    private static readonly FetchAttribute[] Fast = [FetchAttribute.Flags, FetchAttribute.InternalDate, FetchAttribute.Rfc822Size];
    private static readonly FetchAttribute[] All = [.. Fast, FetchAttribute.Envelope];
    private static readonly FetchAttribute[] Full = [.. All, FetchAttribute.Body];

    private static readonly Dictionary<string, FetchAttribute> Simple = new[]
    {
        FetchAttribute.Flags, FetchAttribute.InternalDate, FetchAttribute.Rfc822Size, FetchAttribute.Envelope,
        FetchAttribute.Body, FetchAttribute.BodyStructure, FetchAttribute.Uid, FetchAttribute.ModSeq,
        FetchAttribute.Rfc822, FetchAttribute.Rfc822Header, FetchAttribute.Rfc822Text,
    }.ToDictionary(a => ((FetchAttribute.Simple)a).Name, StringComparer.Ordinal);

    /// <remarks><![CDATA[fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")") [fetch-modifiers]
    /// fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")" ; RFC 4466 2.4
    /// fetch-modifier = "CHANGEDSINCE" SP mod-sequence-valzer / "VANISHED" ; RFC 7162]]></remarks>
    public static ImapRequest Parse(ImapReader r, bool uid)
    {
        r.Sp("sequence set");
        var set = r.SequenceSet();
        r.Sp("fetch attributes");
        var attributes = r.Peek() == '('
            ? r.ParenList(() => Attribute(r), "fetch attributes", allowEmpty: false)
            : Macro(r);
        ulong? changedSince = null;
        var vanished = false;
        if (r.TryTake(' '))
        {
            r.ParenList(() =>
            {
                var name = r.Keyword("FETCH modifier");
                if (name == "VANISHED")
                {
                    vanished = true;
                    return name;
                }
                if (name != "CHANGEDSINCE")
                    ImapReader.Fail($"Unknown FETCH modifier {name}");
                r.Sp("CHANGEDSINCE value");
                changedSince = r.ModSeq("CHANGEDSINCE value");
                return name;
            }, "FETCH modifiers", allowEmpty: false);
        }
        r.End();
        // RFC 7162 3.2.6: VANISHED only in UID FETCH, and only with CHANGEDSINCE.
        if (vanished && (!uid || changedSince is null))
            ImapReader.Fail("VANISHED needs UID FETCH with CHANGEDSINCE");
        // RFC 3501 6.4.8: UID FETCH always returns UID; RFC 7162 3.1.4.1: CHANGEDSINCE implies MODSEQ.
        if (uid && !attributes.Contains(FetchAttribute.Uid))
            attributes.Insert(0, FetchAttribute.Uid);
        if (changedSince is not null && !attributes.Contains(FetchAttribute.ModSeq))
            attributes.Add(FetchAttribute.ModSeq);
        return new FetchRequest(uid, set, attributes, changedSince, vanished);
    }

    private static List<FetchAttribute> Macro(ImapReader r)
    {
        // A macro is a whole word: "FAST" is one, "FLAGS" and "BODY[...]" are attributes.
        var save = r.Mark();
        var word = r.Keyword("fetch attribute");
        switch (word)
        {
            case "ALL": return [.. All];
            case "FAST": return [.. Fast];
            case "FULL": return [.. Full];
        }
        r.Reset(save);
        return [Attribute(r)];
    }

    /// <remarks><![CDATA[fetch-att = "ENVELOPE" / "FLAGS" / "INTERNALDATE" / "RFC822" [".HEADER" / ".SIZE" / ".TEXT"] /
    ///   "BODY" ["STRUCTURE"] / "UID" / "BODY" section [partial] / "BODY.PEEK" section [partial] /
    ///   "BINARY" [".PEEK"] section-binary [partial] / "BINARY.SIZE" section-binary / "MODSEQ"
    /// partial = "<" number "." nz-number ">"]]></remarks>
    private static FetchAttribute Attribute(ImapReader r)
    {
        var name = r.Keyword("fetch attribute");
        switch (name)
        {
            case "BODY" when r.Peek() == '[':
            case "BODY.PEEK":
                return new FetchAttribute.BodySection(SectionParser.Section(r), name == "BODY.PEEK", Partial(r));
            case "BINARY":
            case "BINARY.PEEK":
                return new FetchAttribute.BodySection(SectionParser.BinarySection(r), name == "BINARY.PEEK", Partial(r), Binary: true);
            case "BINARY.SIZE":
                return new FetchAttribute.BinarySize(SectionParser.BinarySection(r).Part);
        }
        return Simple.TryGetValue(name, out var simple) ? simple : throw new ImapSyntaxException($"Unknown fetch attribute {name}");
    }

    private static Partial? Partial(ImapReader r)
    {
        if (!r.TryTake('<'))
            return null;
        var start = r.Number("partial start");
        r.Expect('.', "'.' in partial");
        var count = r.NzNumber("partial length");
        r.Expect('>', "'>' after partial");
        return new Partial(start, count);
    }
}
