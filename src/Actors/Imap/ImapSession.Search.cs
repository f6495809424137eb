using Mail.Actors.Mailbox;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// SEARCH and UID SEARCH (RFC 3501 6.4.4), with ESEARCH results (RFC 4731) when the client
/// asks with RETURN. Flag, date, size and UID keys are answered from the view; header keys
/// from the stored summary where it has the header; only TEXT/BODY and other headers read bodies.
/// </summary>
public sealed partial class ImapSession
{
    private void OnSearch(SearchRequest search)
    {
        var view = _selected!;
        var (needSummary, needBody) = SearchNeeds.Of(search.Criteria);
        var candidates = view.All()
            .Select(t => new SearchCandidate(t.Sequence, t.Message, view.IsRecent(t.Message.Uid)))
            .ToArray();
        var largestSequence = view.Count;
        var largestUid = view.LargestUid;
        var blobs = Services.Blobs;
        var summaries = Services.Summaries;
        if (SearchNeeds.UsesModSeq(search.Criteria))
            _enabled.Add("CONDSTORE");
        RunAsync(async () =>
        {
            var hits = new List<SearchCandidate>();
            foreach (var c in candidates)
            {
                var message = new SearchableMessage(c, blobs, summaries, needSummary, needBody);
                try
                {
                    await message.LoadAsync();
                }
                catch (IOException)
                {
                    continue; // expunged meanwhile: not a match
                }
                if (SearchEvaluator.Matches(search.Criteria, message, largestSequence, largestUid))
                    hits.Add(c);
            }
            return () => SearchDone(search, hits);
        });
    }

    private void SearchDone(SearchRequest search, List<SearchCandidate> hits)
    {
        var numbers = hits.Select(h => search.Uid ? h.Message.Uid : h.Sequence).ToArray();
        var modseq = SearchNeeds.UsesModSeq(search.Criteria) && hits.Count > 0
            ? $" (MODSEQ {hits.Max(h => h.Message.ModSeq)})"
            : "";
        if (search.ReturnOptions is { } options)
        {
            var parts = new List<string> { $"(TAG \"{Tag}\")" };
            if (search.Uid)
                parts.Add("UID");
            var all = options.Count == 0 || options.Contains("ALL");
            if (numbers.Length > 0)
            {
                if (options.Contains("MIN"))
                    parts.Add($"MIN {numbers.Min()}");
                if (options.Contains("MAX"))
                    parts.Add($"MAX {numbers.Max()}");
                if (all)
                    parts.Add($"ALL {UidSetWriter.Write(numbers)}");
            }
            if (options.Contains("COUNT"))
                parts.Add($"COUNT {numbers.Length}");
            if (modseq.Length > 0)
                parts.Add($"MODSEQ {hits.Max(h => h.Message.ModSeq)}");
            Untagged("ESEARCH " + string.Join(' ', parts));
        }
        else
        {
            Untagged("SEARCH" + string.Concat(numbers.Select(n => " " + n)) + modseq);
        }
        Ok(search.Uid ? "UID SEARCH completed" : "SEARCH completed");
    }
}

/// One message as SEARCH sees it, taken from the view on the actor.
public sealed record SearchCandidate(int Sequence, StoredMessage Message, bool Recent);

/// Which parts of a message a search needs: flags and sizes are free, headers need the summary, text needs the body.
public static class SearchNeeds
{
    public static (bool Summary, bool Body) Of(SearchKey key) => key switch
    {
        AllOf a => a.Keys.Select(Of).Aggregate((false, false), Combine),
        AnyOf o => Combine(Of(o.Left), Of(o.Right)),
        Not n => Of(n.Key),
        DateKey { Field: DateField.Sent } => (true, false),
        HeaderContains h => IsSummarized(h.Field) ? (true, false) : (true, true),
        TextContains => (true, true),
        _ => (false, false),
    };

    public static bool UsesModSeq(SearchKey key) => key switch
    {
        ModSeqKey => true,
        AllOf a => a.Keys.Any(UsesModSeq),
        AnyOf o => UsesModSeq(o.Left) || UsesModSeq(o.Right),
        Not n => UsesModSeq(n.Key),
        _ => false,
    };

    private static (bool, bool) Combine((bool, bool) x, (bool, bool) y) => (x.Item1 || y.Item1, x.Item2 || y.Item2);

    private static bool IsSummarized(string field) =>
        field.ToUpperInvariant() is "FROM" or "TO" or "CC" or "BCC" or "SUBJECT" or "MESSAGE-ID";
}
