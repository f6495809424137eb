using Mail.Actors.Mailbox;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// Builds one "* n FETCH (...)" response (RFC 3501 7.4.2) from what the session knows about
/// a message (flags, dates, sizes: no I/O), its stored summary (ENVELOPE, BODYSTRUCTURE) and,
/// only when a section or RFC822 item asks for it, its body. Items come out in the order they
/// were asked for, BODY.PEEK answered as BODY, partial fetches echo their origin.
/// </summary>
public static class FetchComposer
{
    /// What a FETCH needs read from disk for its items.
    public static (bool Summary, bool Body) Needs(IReadOnlyList<FetchAttribute> attributes)
    {
        var summary = false;
        var body = false;
        foreach (var a in attributes)
        {
            if (a == FetchAttribute.Envelope || a == FetchAttribute.Body || a == FetchAttribute.BodyStructure)
                summary = true;
            else if (a is FetchAttribute.BodySection or FetchAttribute.BinarySize
                     || a == FetchAttribute.Rfc822 || a == FetchAttribute.Rfc822Header || a == FetchAttribute.Rfc822Text)
            {
                summary = true;
                body = true;
            }
        }
        return (summary, body);
    }

    /// True when the items set \Seen (RFC 3501 6.4.5: BODY[...] without PEEK, RFC822, RFC822.TEXT).
    public static bool SetsSeen(IReadOnlyList<FetchAttribute> attributes) =>
        attributes.Any(a => a is FetchAttribute.BodySection { Peek: false } || a == FetchAttribute.Rfc822 || a == FetchAttribute.Rfc822Text);

    public static byte[] Compose(
        int sequence,
        StoredMessage message,
        bool recent,
        IReadOnlyList<FetchAttribute> attributes,
        bool addFlags,
        bool addModSeq,
        MessageSummary? summary,
        ReadOnlyMemory<byte> body)
    {
        var w = new ImapWriter();
        w.Ascii("* ").Number(sequence).Ascii(" FETCH (");
        var first = true;
        void Next(string name)
        {
            if (!first)
                w.Ascii(" ");
            first = false;
            w.Ascii(name);
        }

        foreach (var a in attributes)
        {
            switch (a)
            {
                case FetchAttribute.Simple { Name: "FLAGS" }:
                    Next("FLAGS (");
                    w.Ascii(ImapFlags.Render(message.Flags, recent)).Ascii(")");
                    break;
                case FetchAttribute.Simple { Name: "UID" }:
                    Next("UID ");
                    w.Number(message.Uid);
                    break;
                case FetchAttribute.Simple { Name: "INTERNALDATE" }:
                    Next("INTERNALDATE ");
                    w.Ascii(ImapDate.Quoted(message.InternalDate));
                    break;
                case FetchAttribute.Simple { Name: "RFC822.SIZE" }:
                    Next("RFC822.SIZE ");
                    w.Number(message.Size);
                    break;
                case FetchAttribute.Simple { Name: "MODSEQ" }:
                    Next("MODSEQ (");
                    w.Number(message.ModSeq).Ascii(")");
                    break;
                case FetchAttribute.Simple { Name: "ENVELOPE" }:
                    Next("ENVELOPE ");
                    w.Bytes(summary!.Envelope);
                    break;
                case FetchAttribute.Simple { Name: "BODY" }:
                    Next("BODY ");
                    w.Bytes(summary!.Body);
                    break;
                case FetchAttribute.Simple { Name: "BODYSTRUCTURE" }:
                    Next("BODYSTRUCTURE ");
                    w.Bytes(summary!.BodyStructure);
                    break;
                case FetchAttribute.Simple { Name: "RFC822" }:
                    Next("RFC822 ");
                    w.Literal(body.Span);
                    break;
                case FetchAttribute.Simple { Name: "RFC822.HEADER" }:
                    Next("RFC822.HEADER ");
                    w.Literal(BodySectionReader.Read(body, summary!, new BodySectionSpec([], SectionKind.Header, [])));
                    break;
                case FetchAttribute.Simple { Name: "RFC822.TEXT" }:
                    Next("RFC822.TEXT ");
                    w.Literal(BodySectionReader.Read(body, summary!, new BodySectionSpec([], SectionKind.Text, [])));
                    break;
                case FetchAttribute.BodySection s:
                    WriteSection(w, Next, s, summary!, body);
                    break;
                case FetchAttribute.BinarySize b:
                    Next($"BINARY.SIZE[{string.Join('.', b.Part)}] ");
                    w.Number(BodySectionReader.BinarySize(body, summary!, b.Part) ?? 0);
                    break;
            }
        }
        if (addFlags && !attributes.Contains(FetchAttribute.Flags))
        {
            Next("FLAGS (");
            w.Ascii(ImapFlags.Render(message.Flags, recent)).Ascii(")");
        }
        if (addModSeq && !attributes.Contains(FetchAttribute.ModSeq))
        {
            Next("MODSEQ (");
            w.Number(message.ModSeq).Ascii(")");
        }
        w.Ascii(")").Crlf();
        return w.ToArray();
    }

    private static void WriteSection(ImapWriter w, Action<string> next, FetchAttribute.BodySection s, MessageSummary summary, ReadOnlyMemory<byte> body)
    {
        // Null only for BINARY of an unknown transfer encoding: sent as empty rather than
        // failing the whole FETCH for every other message.
        var data = BodySectionReader.Fetch(body, summary, s) ?? [];
        var name = (s.Binary ? "BINARY[" : "BODY[") + s.Section + "]";
        if (s.Partial is { } p)
            name += $"<{p.Start}>";
        next(name + " ");
        if (s.Binary && data.AsSpan().Contains((byte)0))
            w.Ascii("~"); // literal8 (RFC 3516 4.1): binary content may hold NUL
        w.Literal(data);
    }
}
