namespace Mail.Protocols.Imap;

/// <summary>One search key (RFC 3501 6.4.4 and 9: search-key), nested through OR, NOT and parentheses.</summary>
internal static class SearchKeyParser
{
    // Deeper nesting than any client builds; keeps "NOT NOT NOT ..." from exhausting the stack.
    private const int MaxDepth = 64;

    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["ANSWERED"] = "\\Answered", ["DELETED"] = "\\Deleted", ["DRAFT"] = "\\Draft",
        ["FLAGGED"] = "\\Flagged", ["SEEN"] = "\\Seen", ["RECENT"] = "\\Recent",
    };

    private static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal)
    {
        ["BCC"] = "Bcc", ["CC"] = "Cc", ["FROM"] = "From", ["SUBJECT"] = "Subject", ["TO"] = "To",
    };

    private static readonly Dictionary<string, (DateField Field, DateRelation Relation)> Dates = new(StringComparer.Ordinal)
    {
        ["BEFORE"] = (DateField.Internal, DateRelation.Before), ["ON"] = (DateField.Internal, DateRelation.On),
        ["SINCE"] = (DateField.Internal, DateRelation.Since), ["SENTBEFORE"] = (DateField.Sent, DateRelation.Before),
        ["SENTON"] = (DateField.Sent, DateRelation.On), ["SENTSINCE"] = (DateField.Sent, DateRelation.Since),
    };

    /// <summary>Several keys mean AND; a single one stands for itself.</summary>
    public static SearchKey And(List<SearchKey> keys) => keys.Count == 1 ? keys[0] : new AllOf(keys);

    /// <remarks><![CDATA[search-key = "ALL" / "ANSWERED" / "BCC" SP astring / "BEFORE" SP date / "BODY" SP astring /
    ///   "CC" SP astring / "DELETED" / "FLAGGED" / "FROM" SP astring / "KEYWORD" SP flag-keyword / "NEW" / "OLD" /
    ///   "ON" SP date / "RECENT" / "SEEN" / "SINCE" SP date / "SUBJECT" SP astring / "TEXT" SP astring / "TO" SP astring /
    ///   "UNANSWERED" / "UNDELETED" / "UNFLAGGED" / "UNKEYWORD" SP flag-keyword / "UNSEEN" / "DRAFT" /
    ///   "HEADER" SP header-fld-name SP astring / "LARGER" SP number / "NOT" SP search-key /
    ///   "OR" SP search-key SP search-key / "SENTBEFORE" SP date / "SENTON" SP date / "SENTSINCE" SP date /
    ///   "SMALLER" SP number / "UID" SP sequence-set / "UNDRAFT" / sequence-set / "(" search-key *(SP search-key) ")"
    /// search-modsequence = "MODSEQ" [search-modseq-ext] SP mod-sequence-valzer ; RFC 7162 3.1.5
    /// search-modseq-ext = SP entry-name SP entry-type-req]]></remarks>
    public static SearchKey Key(ImapReader r, int depth)
    {
        if (depth > MaxDepth)
            ImapReader.Fail("Search criteria nested too deeply");
        if (r.Peek() == '(')
            return And(r.ParenList(() => Key(r, depth + 1), "search criteria", allowEmpty: false));
        if (r.AtSequenceSet)
            return new InSequence(r.SequenceSet());
        var name = r.Keyword("search key");
        if (Flags.TryGetValue(name, out var flag))
            return new HasFlag(flag);
        if (name.StartsWith("UN", StringComparison.Ordinal) && Flags.TryGetValue(name[2..], out flag) && flag != "\\Recent")
            return new Not(new HasFlag(flag));
        if (Headers.TryGetValue(name, out var header))
            return new HeaderContains(header, Argument(r, () => r.AString("search string")));
        if (Dates.TryGetValue(name, out var date))
            return new DateKey(date.Field, date.Relation, Argument(r, () => r.Date()));
        return name switch
        {
            "ALL" => MatchAll.Instance,
            "NEW" => new AllOf([new HasFlag("\\Recent"), new Not(new HasFlag("\\Seen"))]),
            "OLD" => new Not(new HasFlag("\\Recent")),
            "KEYWORD" => new HasFlag(Argument(r, () => r.Atom("keyword"))),
            "UNKEYWORD" => new Not(new HasFlag(Argument(r, () => r.Atom("keyword")))),
            "BODY" => new TextContains(false, Argument(r, () => r.AString("search string"))),
            "TEXT" => new TextContains(true, Argument(r, () => r.AString("search string"))),
            "HEADER" => new HeaderContains(Argument(r, () => r.AString("header field name")), Argument(r, () => r.AString("search string"))),
            "LARGER" => new SizeKey(true, Argument(r, () => r.Number("size"))),
            "SMALLER" => new SizeKey(false, Argument(r, () => r.Number("size"))),
            "UID" => new InUids(Argument(r, () => r.SequenceSet("UID set"))),
            "NOT" => new Not(Argument(r, () => Key(r, depth + 1))),
            "OR" => new AnyOf(Argument(r, () => Key(r, depth + 1)), Argument(r, () => Key(r, depth + 1))),
            "MODSEQ" => ModSeq(r),
            _ => throw new ImapSyntaxException($"Unknown search key {name}"),
        };
    }

    private static T Argument<T>(ImapReader r, Func<T> read)
    {
        r.Sp("search argument");
        return read();
    }

    private static ModSeqKey ModSeq(ImapReader r)
    {
        r.Sp("mod-sequence");
        if (r.Peek() == '"')
        {
            // entry-name (a "/flags/..." string) and entry-type-req: parsed, then ignored (RFC 7162 3.1.5).
            r.String("MODSEQ entry name");
            r.Sp("MODSEQ entry type");
            var type = r.Keyword("MODSEQ entry type");
            if (type is not ("PRIV" or "SHARED" or "ALL"))
                ImapReader.Fail($"Invalid MODSEQ entry type {type}");
            r.Sp("mod-sequence");
        }
        return new ModSeqKey(r.ModSeq());
    }
}
