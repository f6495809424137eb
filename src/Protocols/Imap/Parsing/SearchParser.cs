namespace Mail.Protocols.Imap;

/// <summary>SEARCH and UID SEARCH (RFC 3501 6.4.4, ESEARCH RFC 4731 return options, CONDSTORE MODSEQ).</summary>
internal static class SearchParser
{
    private static readonly HashSet<string> Charsets = new(StringComparer.OrdinalIgnoreCase) { "UTF-8", "US-ASCII" };
    private static readonly HashSet<string> ReturnOptions = ["MIN", "MAX", "ALL", "COUNT"];

    /// <remarks><![CDATA[search = "SEARCH" [search-return-opts] [SP "CHARSET" SP astring] 1*(SP search-key)
    /// search-return-opts = SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")" ; RFC 4731]]></remarks>
    public static ImapRequest Parse(ImapReader r, bool uid)
    {
        r.Sp("search criteria");
        List<string>? returns = null;
        string? charset = null;
        if (TryWord(r, "RETURN"))
        {
            r.Sp("search return options");
            returns = r.ParenList(() => ReturnOption(r), "search return options");
            r.Sp("search criteria");
        }
        if (TryWord(r, "CHARSET"))
        {
            r.Sp("charset");
            charset = r.AString("charset").ToUpperInvariant();
            // RFC 3501 6.4.4: an unknown charset is NO [BADCHARSET], not BAD.
            if (!Charsets.Contains(charset))
                throw new BadCharsetException();
            r.Sp("search criteria");
        }
        var keys = new List<SearchKey> { SearchKeyParser.Key(r, 0) };
        while (r.TryTake(' '))
            keys.Add(SearchKeyParser.Key(r, 0));
        r.End();
        return new SearchRequest(uid, charset, SearchKeyParser.And(keys), returns);
    }

    private static string ReturnOption(ImapReader r)
    {
        var option = r.Keyword("search return option");
        if (!ReturnOptions.Contains(option))
            ImapReader.Fail($"Unknown search return option {option}");
        return option;
    }

    // The word, in any case, as a whole token; the cursor stays put if it is not there.
    private static bool TryWord(ImapReader r, string word)
    {
        if (!char.IsAsciiLetter((char)Math.Max(0, r.Peek())))
            return false;
        var mark = r.Mark();
        if (r.Keyword(word) == word && r.Peek() == ' ')
            return true;
        r.Reset(mark);
        return false;
    }
}
