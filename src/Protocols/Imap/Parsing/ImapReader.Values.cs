using System.Globalization;

namespace Mail.Protocols.Imap;

internal sealed partial class ImapReader
{
    /// <remarks><![CDATA[number = 1*DIGIT ; unsigned 32-bit]]></remarks>
    public long Number(string what = "number") => Digits(what, uint.MaxValue, zeroAllowed: true);

    /// <remarks><![CDATA[nz-number = digit-nz *DIGIT ; unsigned 32-bit]]></remarks>
    public long NzNumber(string what = "number") => Digits(what, uint.MaxValue, zeroAllowed: false);

    /// <remarks><![CDATA[mod-sequence-value = 1*DIGIT ; 63-bit (RFC 7162 7); mod-sequence-valzer = "0" / mod-sequence-value]]></remarks>
    public ulong ModSeq(string what = "mod-sequence", bool zeroAllowed = true) =>
        (ulong)Digits(what, long.MaxValue, zeroAllowed);

    private long Digits(string what, long max, bool zeroAllowed)
    {
        var text = Take(ImapChars.IsDigit, what);
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > max)
            Fail($"Number too large in {what}");
        if (n == 0 && !zeroAllowed || text.Length > 1 && text[0] == '0' && !zeroAllowed)
            Fail($"Invalid {what}: {text}");
        return n;
    }

    /// <remarks><![CDATA[sequence-set = (seq-number / seq-range) *("," sequence-set)
    /// seq-range = seq-number ":" seq-number ; seq-number = nz-number / "*"]]></remarks>
    public SequenceSet SequenceSet(string what = "sequence set")
    {
        var ranges = new List<SequenceRange>();
        do
        {
            var first = SeqNumber(what);
            var last = TryTake(':') ? SeqNumber(what) : first;
            ranges.Add(new SequenceRange(first, last));
        }
        while (TryTake(','));
        return new SequenceSet(ranges);
    }

    private long SeqNumber(string what) => TryTake('*') ? Imap.SequenceSet.Star : NzNumber(what);

    /// <summary>True when a sequence set starts here (a digit or "*").</summary>
    public bool AtSequenceSet => ImapChars.IsDigit(Peek()) || Peek() == '*';

    /// <remarks><![CDATA[flag = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" / flag-keyword / flag-extension
    /// flag-keyword = atom ; flag-extension = "\" atom]]></remarks>
    public string Flag()
    {
        var system = TryTake('\\');
        var name = Atom("flag");
        return system ? "\\" + name : name;
    }

    /// <remarks><![CDATA[flag-list = "(" [flag *(SP flag)] ")"]]></remarks>
    public List<string> FlagList() => ParenList(Flag, "flag list");

    /// <summary>A mailbox name as sent (modified UTF-7), but INBOX in any case is "INBOX".</summary>
    /// <remarks><![CDATA[mailbox = "INBOX" / astring ; INBOX is case-insensitive]]></remarks>
    public string Mailbox(string what = "mailbox name")
    {
        var name = AString(what);
        return name.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? "INBOX" : name;
    }

    /// <remarks><![CDATA[list-mailbox = 1*list-char / string]]></remarks>
    public string ListMailbox(string what = "mailbox pattern") =>
        Peek() == '"' || AtLiteral ? String(what) : Take(ImapChars.IsListChar, what);
}
