using System.Buffers;
using System.Globalization;
using System.Text;

namespace Mail.Protocols.Imap;

/// <summary>
/// A growing byte buffer for IMAP response text. Strings go through <see cref="ImapString"/>,
/// which picks quoted or literal form; <see cref="Utf8Accepted"/> is the session's UTF8=ACCEPT
/// state (RFC 6855), without which non-ASCII text is only ever sent as a literal.
/// </summary>
public sealed class ImapWriter(bool utf8Accepted = false)
{
    private readonly ArrayBufferWriter<byte> buffer = new(256);

    public bool Utf8Accepted { get; } = utf8Accepted;

    public int Length => buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => buffer.WrittenSpan;

    /// Protocol syntax only (atoms, parentheses, keywords): callers never pass client text here.
    public ImapWriter Ascii(string text)
    {
        var span = buffer.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
            span[i] = (byte)text[i];
        buffer.Advance(text.Length);
        return this;
    }

    public ImapWriter Byte(byte b)
    {
        buffer.GetSpan(1)[0] = b;
        buffer.Advance(1);
        return this;
    }

    public ImapWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        buffer.Write(bytes);
        return this;
    }

    public ImapWriter Number(long n) => Ascii(n.ToString(CultureInfo.InvariantCulture));

    public ImapWriter Number(ulong n) => Ascii(n.ToString(CultureInfo.InvariantCulture));

    public ImapWriter Nil() => Ascii("NIL");

    public ImapWriter Crlf() => Ascii("\r\n");

    /// A string (RFC 3501 9: string), quoted when safe, else a literal.
    public ImapWriter String(string text) => String(Encoding.UTF8.GetBytes(text));

    public ImapWriter String(ReadOnlySpan<byte> text)
    {
        ImapString.Write(this, text);
        return this;
    }

    /// nstring: NIL for null.
    public ImapWriter NString(string? text) => text is null ? Nil() : String(text);

    /// nstring from raw octets: NIL for null.
    public ImapWriter NString(byte[]? octets) => octets is null ? Nil() : String(octets);

    /// astring: a bare atom when the text is one (mailbox names, flags), else a string.
    public ImapWriter AString(string text)
    {
        if (ImapString.IsAtom(text, astring: true))
            return Ascii(text);
        return String(text);
    }

    /// A synchronizing literal "{n}\r\n" + octets; literal8 "~{n}" (RFC 3516) when NUL is in the data.
    public ImapWriter Literal(ReadOnlySpan<byte> octets)
    {
        if (octets.Contains((byte)0))
            Byte((byte)'~');
        Byte((byte)'{').Number(octets.Length).Ascii("}\r\n");
        return Bytes(octets);
    }

    public byte[] ToArray() => buffer.WrittenSpan.ToArray();

    public override string ToString() => Encoding.UTF8.GetString(buffer.WrittenSpan);
}
