using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace Mail.Protocols.Imap;

/// <summary>
/// envelope (RFC 3501 7.4.2, formal syntax in 9): date, subject, from, sender, reply-to, to, cc,
/// bcc, in-reply-to, message-id. Unstructured fields go raw (see <see cref="RawHeader"/>);
/// address lists are parsed with MimeKit into (name adl mailbox host) with group start and end
/// markers. Sender and Reply-To default to From when absent or empty, as RFC 3501 requires.
/// </summary>
/// <remarks><![CDATA[
/// envelope = "(" env-date SP env-subject SP env-from SP env-sender SP env-reply-to SP env-to SP
///            env-cc SP env-bcc SP env-in-reply-to SP env-message-id ")"
/// env-from = "(" 1*address ")" / nil            ; and so for sender, reply-to, to, cc, bcc
/// address  = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"
/// ]]></remarks>
internal static class EnvelopeRenderer
{
    /// What UW imapd and Dovecot send for an address without a domain: host NIL would mean a group.
    public const string MissingHost = ".MISSING-HOST-NAME.";

    public static void Write(ImapWriter w, HeaderList headers)
    {
        var from = Addresses(headers, "From");
        var sender = Addresses(headers, "Sender");
        var replyTo = Addresses(headers, "Reply-To");
        w.Byte((byte)'(');
        w.NString(RawHeader.First(headers, "Date"));
        w.Byte((byte)' ');
        w.NString(RawHeader.First(headers, "Subject"));
        foreach (var list in new[] { from, sender.Count == 0 ? from : sender, replyTo.Count == 0 ? from : replyTo,
                     Addresses(headers, "To"), Addresses(headers, "Cc"), Addresses(headers, "Bcc") })
        {
            w.Byte((byte)' ');
            WriteAddresses(w, list);
        }
        w.Byte((byte)' ');
        w.NString(RawHeader.First(headers, "In-Reply-To"));
        w.Byte((byte)' ');
        w.NString(RawHeader.First(headers, "Message-ID"));
        w.Byte((byte)')');
    }

    /// An empty envelope, for a message whose header could not be read at all.
    public const string Empty = "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)";

    private sealed record ParsedList(IReadOnlyList<InternetAddress> Addresses, bool EightBit)
    {
        public int Count => Addresses.Count;
    }

    private static ParsedList Addresses(HeaderList headers, string field)
    {
        var raw = RawHeader.First(headers, field);
        if (raw is null || raw.Length == 0)
            return new ParsedList([], false);
        if (!InternetAddressList.TryParse(ParserOptions.Default, raw, out var list))
            return new ParsedList([], false);
        return new ParsedList(list.ToList(), RawHeader.HasEightBit(raw));
    }

    private static void WriteAddresses(ImapWriter w, ParsedList list)
    {
        if (list.Count == 0)
        {
            w.Nil();
            return;
        }
        w.Byte((byte)'(');
        foreach (var address in list.Addresses)
            WriteAddress(w, address, list.EightBit);
        w.Byte((byte)')');
    }

    private static void WriteAddress(ImapWriter w, InternetAddress address, bool eightBit)
    {
        if (address is GroupAddress group)
        {
            // Group start: (NIL NIL "name" NIL), the members, then the end marker (NIL NIL NIL NIL).
            w.Ascii("(NIL NIL ");
            w.String(Encoding.UTF8.GetBytes(group.Name ?? ""));
            w.Ascii(" NIL)");
            foreach (var member in group.Members)
                WriteAddress(w, member, eightBit);
            w.Ascii("(NIL NIL NIL NIL)");
            return;
        }
        var mailbox = (MailboxAddress)address;
        w.Byte((byte)'(');
        WriteName(w, mailbox.Name, eightBit);
        w.Byte((byte)' ');
        if (mailbox.Route.Count == 0)
            w.Nil();
        else
            w.String(string.Join(',', mailbox.Route.Select(d => "@" + d)));
        w.Byte((byte)' ');
        w.String(mailbox.LocalPart);
        w.Byte((byte)' ');
        w.String(string.IsNullOrEmpty(mailbox.Domain) ? MissingHost : mailbox.Domain);
        w.Byte((byte)')');
    }

    /// <summary>
    /// MimeKit hands the display name decoded. ASCII goes as is; a name that was 8-bit in the
    /// message goes back as its UTF-8 octets (a literal); one that came from encoded-words is
    /// encoded again so that the envelope stays 7-bit like the header was.
    /// </summary>
    private static void WriteName(ImapWriter w, string? name, bool eightBit)
    {
        if (string.IsNullOrEmpty(name))
        {
            w.Nil();
            return;
        }
        if (name.All(char.IsAscii) || eightBit)
            w.String(name);
        else
            w.String(Rfc2047.EncodePhrase(Encoding.UTF8, name));
    }
}
