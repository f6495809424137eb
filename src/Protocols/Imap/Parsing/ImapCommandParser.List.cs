namespace Mail.Protocols.Imap;

// LIST, basic (RFC 3501 6.3.8) and extended (RFC 5258, RFC 5819 LIST-STATUS, RFC 6154 SPECIAL-USE).
internal static partial class ImapCommandParser
{
    private static readonly HashSet<string> SelectionOptions = ["SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE"];
    private static readonly HashSet<string> ReturnOptions = ["SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS"];

    /// <remarks><![CDATA[list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]
    /// list-select-opts = "(" [list-select-option *(SP list-select-option)] ")"
    /// mbox-or-pat = list-mailbox / patterns ; patterns = "(" list-mailbox *(SP list-mailbox) ")"
    /// list-return-opts = "RETURN" SP "(" [return-option *(SP return-option)] ")"
    /// return-option =/ "STATUS" SP "(" status-att *(SP status-att) ")" ; RFC 5819]]></remarks>
    private static ImapRequest List(ImapReader r)
    {
        r.Sp("reference");
        List<string> selection = [];
        if (r.Peek() == '(')
        {
            selection = r.ParenList(() => Option(r, SelectionOptions, "LIST selection option"), "LIST selection options");
            // RFC 5258 3: RECURSIVEMATCH only refines another option; alone (or with REMOTE) it is BAD.
            if (selection.Contains("RECURSIVEMATCH") && !selection.Any(o => o is not ("RECURSIVEMATCH" or "REMOTE")))
                ImapReader.Fail("RECURSIVEMATCH needs another selection option");
            r.Sp("reference");
        }
        var reference = r.AString("reference");
        r.Sp("mailbox pattern");
        var patterns = r.Peek() == '('
            ? r.ParenList(() => r.ListMailbox(), "mailbox patterns", allowEmpty: false)
            : [r.ListMailbox()];
        List<string> returns = [];
        List<StatusItem> status = [];
        if (r.TryTake(' '))
        {
            if (r.Keyword("RETURN") != "RETURN")
                ImapReader.Fail("Expected RETURN");
            r.Sp("LIST return options");
            returns = r.ParenList(() =>
            {
                var option = Option(r, ReturnOptions, "LIST return option");
                if (option == "STATUS")
                {
                    r.Sp("status items");
                    status.AddRange(StatusItems(r));
                }
                return option;
            }, "LIST return options");
        }
        r.End();
        return new ListRequest(reference, patterns, selection, returns, status);
    }

    private static string Option(ImapReader r, HashSet<string> known, string what)
    {
        var option = r.Keyword(what);
        if (!known.Contains(option))
            ImapReader.Fail($"Unknown {what} {option}");
        return option;
    }
}
