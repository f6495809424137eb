namespace Mail.Protocols.Imap;

// Commands of the selected state besides FETCH and SEARCH (RFC 3501 6.4, UIDPLUS, MOVE, CONDSTORE).
internal static partial class ImapCommandParser
{
    /// <remarks><![CDATA[store = "STORE" SP sequence-set [SP store-modifiers] SP store-att-flags
    /// store-modifiers = "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")" ; RFC 7162 3.1.3
    /// store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))]]></remarks>
    private static ImapRequest Store(ImapReader r, bool uid)
    {
        r.Sp("sequence set");
        var set = r.SequenceSet();
        r.Sp("STORE item");
        ulong? unchangedSince = null;
        if (r.Peek() == '(')
        {
            r.ParenList(() =>
            {
                if (r.Keyword("STORE modifier") is var name && name != "UNCHANGEDSINCE")
                    ImapReader.Fail($"Unknown STORE modifier {name}");
                r.Sp("UNCHANGEDSINCE value");
                unchangedSince = r.ModSeq("UNCHANGEDSINCE value");
                return name;
            }, "STORE modifiers", allowEmpty: false);
            r.Sp("STORE item");
        }
        var mode = r.TryTake('+') ? StoreMode.Add : r.TryTake('-') ? StoreMode.Remove : StoreMode.Replace;
        var silent = r.Keyword("STORE item") switch
        {
            "FLAGS" => false,
            "FLAGS.SILENT" => true,
            var other => throw new ImapSyntaxException($"Unknown STORE item {other}"),
        };
        r.Sp("flags");
        List<string> flags;
        if (r.Peek() == '(')
        {
            flags = r.FlagList();
        }
        else
        {
            flags = [r.Flag()];
            while (r.TryTake(' '))
                flags.Add(r.Flag());
        }
        r.End();
        return new StoreRequest(uid, set, mode, silent, flags, unchangedSince);
    }

    /// <remarks><![CDATA[copy = "COPY" SP sequence-set SP mailbox]]></remarks>
    private static ImapRequest Copy(ImapReader r, bool uid)
    {
        var (set, mailbox) = SetAndMailbox(r);
        return new CopyRequest(uid, set, mailbox);
    }

    /// <remarks><![CDATA[move = "MOVE" SP sequence-set SP mailbox ; RFC 6851]]></remarks>
    private static ImapRequest Move(ImapReader r, bool uid)
    {
        var (set, mailbox) = SetAndMailbox(r);
        return new MoveRequest(uid, set, mailbox);
    }

    private static (SequenceSet Set, string Mailbox) SetAndMailbox(ImapReader r)
    {
        r.Sp("sequence set");
        var set = r.SequenceSet();
        r.Sp("mailbox name");
        var mailbox = r.Mailbox();
        r.End();
        return (set, mailbox);
    }

    /// <remarks><![CDATA[uid-expunge = "UID" SP "EXPUNGE" SP sequence-set ; RFC 4315 2.1]]></remarks>
    private static ImapRequest UidExpunge(ImapReader r)
    {
        r.Sp("UID set");
        var set = r.SequenceSet("UID set");
        r.End();
        return new UidExpungeRequest(set);
    }
}
