namespace Mail.Protocols.Imap;

// Commands of the authenticated state that name mailboxes (RFC 3501 6.3 and extensions).
internal static partial class ImapCommandParser
{
    /// <remarks><![CDATA[select = "SELECT" SP mailbox [SP "(" select-param *(SP select-param) ")"]
    /// select-param = "CONDSTORE" ; RFC 4466 2.1, RFC 7162 3.1.8; others are refused]]></remarks>
    private static ImapRequest Select(ImapReader r, bool readOnly)
    {
        r.Sp("mailbox name");
        var mailbox = r.Mailbox();
        var condStore = false;
        if (r.TryTake(' '))
        {
            r.ParenList(() =>
            {
                var param = r.Keyword("SELECT parameter");
                if (param != "CONDSTORE")
                    ImapReader.Fail($"Unknown SELECT parameter {param}");
                return condStore = true;
            }, "SELECT parameters", allowEmpty: false);
        }
        r.End();
        return new SelectRequest(mailbox, readOnly, condStore);
    }

    /// <remarks><![CDATA[create = "CREATE" SP mailbox [SP "(" create-param *(SP create-param) ")"]
    /// create-param = "USE" SP "(" [use-attr *(SP use-attr)] ")" ; RFC 6154 6, use-attr = "\" atom]]></remarks>
    private static ImapRequest Create(ImapReader r)
    {
        r.Sp("mailbox name");
        var mailbox = r.Mailbox();
        var uses = new List<string>();
        if (r.TryTake(' '))
        {
            r.ParenList(() =>
            {
                if (r.Keyword("CREATE parameter") is var param && param != "USE")
                    ImapReader.Fail($"Unknown CREATE parameter {param}");
                r.Sp("USE attributes");
                uses.AddRange(r.ParenList(() => UseAttribute(r), "USE attributes"));
                return param;
            }, "CREATE parameters", allowEmpty: false);
        }
        r.End();
        return new CreateRequest(mailbox, uses);
    }

    private static string UseAttribute(ImapReader r)
    {
        r.Expect('\\', "special-use attribute");
        return "\\" + r.Atom("special-use attribute");
    }

    /// <remarks><![CDATA[rename = "RENAME" SP mailbox SP mailbox]]></remarks>
    private static ImapRequest Rename(ImapReader r)
    {
        r.Sp("mailbox name");
        var from = r.Mailbox();
        r.Sp("new mailbox name");
        var to = r.Mailbox("new mailbox name");
        r.End();
        return new RenameRequest(from, to);
    }

    /// <remarks><![CDATA[lsub = "LSUB" SP mailbox SP list-mailbox]]></remarks>
    private static ImapRequest Lsub(ImapReader r)
    {
        r.Sp("reference");
        var reference = r.AString("reference");
        r.Sp("mailbox pattern");
        var pattern = r.ListMailbox();
        r.End();
        return new LsubRequest(reference, pattern);
    }

    /// <remarks><![CDATA[status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"]]></remarks>
    private static ImapRequest Status(ImapReader r)
    {
        r.Sp("mailbox name");
        var mailbox = r.Mailbox();
        r.Sp("status items");
        var items = StatusItems(r);
        r.End();
        return new StatusRequest(mailbox, items);
    }

    /// <remarks><![CDATA[status-att = "MESSAGES" / "RECENT" / "UIDNEXT" / "UIDVALIDITY" / "UNSEEN" / "HIGHESTMODSEQ" / "SIZE"]]></remarks>
    private static List<StatusItem> StatusItems(ImapReader r) =>
        r.ParenList(() => r.Keyword("status item") switch
        {
            "MESSAGES" => StatusItem.Messages,
            "RECENT" => StatusItem.Recent,
            "UIDNEXT" => StatusItem.UidNext,
            "UIDVALIDITY" => StatusItem.UidValidity,
            "UNSEEN" => StatusItem.Unseen,
            "HIGHESTMODSEQ" => StatusItem.HighestModSeq,
            "SIZE" => StatusItem.Size,
            var other => throw new ImapSyntaxException($"Unknown status item {other}"),
        }, "status items", allowEmpty: false);

    /// <remarks><![CDATA[append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal]]></remarks>
    private static ImapRequest Append(ImapReader r)
    {
        r.Sp("mailbox name");
        var mailbox = r.Mailbox();
        r.Sp("message literal");
        IReadOnlyList<string> flags = [];
        if (r.Peek() == '(')
        {
            flags = r.FlagList();
            r.Sp("message literal");
        }
        DateTimeOffset? date = null;
        if (r.Peek() == '"')
        {
            date = r.DateTime("APPEND date-time");
            r.Sp("message literal");
        }
        var message = r.Literal("message");
        r.End();
        return new AppendRequest(mailbox, flags, date, message);
    }
}
