using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Mail.Protocols.Imap;

/// <summary>
/// A cursor over a collected command (<see cref="CommandSegment"/>s): its lines read as one,
/// with each literal standing where its marker was. Every method either reads what it names or
/// throws <see cref="ImapSyntaxException"/> with a text fit for the BAD reply.
/// </summary>
internal sealed partial class ImapReader(IReadOnlyList<CommandSegment> segments)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private int _segment;
    private int _pos;

    private byte[] Line => segments[_segment].Line;

    /// <summary>The next byte, or -1 at the end of a line (where a literal or the command's end is).</summary>
    public int Peek() => _pos < Line.Length ? Line[_pos] : -1;

    /// <summary>The byte <paramref name="ahead"/> places on in this line, or -1.</summary>
    public int PeekAt(int ahead) => _pos + ahead < Line.Length ? Line[_pos + ahead] : -1;

    public bool AtEnd => _segment == segments.Count - 1 && _pos == Line.Length;

    private bool AtLiteral => _pos == Line.Length && segments[_segment].Literal is not null;

    /// <summary>Where the cursor is, to come back with <see cref="Reset"/> after looking ahead.</summary>
    public (int Segment, int Position) Mark() => (_segment, _pos);

    public void Reset((int Segment, int Position) mark) => (_segment, _pos) = mark;

    /// <summary>The tag at the start of <paramref name="line"/> when a space follows it, else null.</summary>
    public static string? ReadTag(ReadOnlySpan<byte> line)
    {
        var n = 0;
        while (n < line.Length && ImapChars.IsTagChar(line[n]))
            n++;
        return n > 0 && n < line.Length && line[n] == ' ' ? Encoding.ASCII.GetString(line[..n]) : null;
    }

    [DoesNotReturn]
    public static void Fail(string text) => throw new ImapSyntaxException(text);

    public void Expect(char c, string what)
    {
        if (!TryTake(c))
            Fail(Peek() < 0 && !AtLiteral ? $"Missing {what}" : $"Expected {what}");
    }

    public void Sp(string what = "argument") => Expect(' ', "space before " + what);

    public bool TryTake(char c)
    {
        if (Peek() != c)
            return false;
        _pos++;
        return true;
    }

    /// <summary>The command must end here.</summary>
    public void End()
    {
        if (!AtEnd)
            Fail("Unexpected text at end of command");
    }

    /// <summary>One or more characters of a class, as ASCII text.</summary>
    public string Take(Func<int, bool> accept, string what)
    {
        var start = _pos;
        while (_pos < Line.Length && accept(Line[_pos]))
            _pos++;
        if (_pos == start)
            Fail(Peek() < 0 && !AtLiteral ? $"Missing {what}" : $"Invalid {what}");
        return Encoding.ASCII.GetString(Line, start, _pos - start);
    }

    /// <remarks><![CDATA[atom = 1*ATOM-CHAR]]></remarks>
    public string Atom(string what = "atom") => Take(ImapChars.IsAtomChar, what);

    /// <summary>An atom compared case-insensitively, returned in upper case.</summary>
    public string Keyword(string what) => Take(ImapChars.IsKeywordChar, what).ToUpperInvariant();

    /// <remarks><![CDATA[astring = 1*ASTRING-CHAR / string]]></remarks>
    public string AString(string what = "argument") =>
        Peek() == '"' || AtLiteral ? String(what) : Take(ImapChars.IsAStringChar, what);

    /// <remarks><![CDATA[nstring = string / nil]]></remarks>
    public string? NString(string what = "argument")
    {
        if (Peek() is 'N' or 'n' && !AtLiteral)
        {
            if (Keyword(what) != "NIL")
                Fail($"Expected string or NIL for {what}");
            return null;
        }
        return String(what);
    }

    /// <remarks><![CDATA[string = quoted / literal]]></remarks>
    public string String(string what = "argument")
    {
        if (AtLiteral)
            return Utf8(Literal(), what);
        Expect('"', "quoted string for " + what);
        var bytes = new List<byte>();
        while (true)
        {
            var c = Peek();
            if (c < 0)
                Fail($"Unterminated quoted string in {what}");
            _pos++;
            if (c == '"')
                return Utf8([.. bytes], what);
            if (c == '\\')
            {
                c = Peek();
                if (c is not ('"' or '\\'))
                    Fail($"Invalid escape in quoted string in {what}");
                _pos++;
            }
            else if (!ImapChars.IsQuotedChar(c))
            {
                Fail($"Invalid character in quoted string in {what}");
            }
            bytes.Add((byte)c);
        }
    }

    /// <summary>A literal's octets, as sent.</summary>
    /// <remarks><![CDATA[literal = "{" number ["+"] "}" CRLF *CHAR8]]></remarks>
    public byte[] Literal(string what = "literal")
    {
        if (!AtLiteral)
            Fail($"Expected literal for {what}");
        var bytes = segments[_segment].Literal!;
        _segment++;
        _pos = 0;
        return bytes;
    }

    private static string Utf8(byte[] bytes, string what)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ImapSyntaxException($"Invalid UTF-8 in {what}");
        }
    }

    /// <summary>"(" item *(SP item) ")", or "()" when <paramref name="allowEmpty"/>.</summary>
    public List<T> ParenList<T>(Func<T> item, string what, bool allowEmpty = true)
    {
        Expect('(', "'(' before " + what);
        var items = new List<T>();
        if (TryTake(')'))
        {
            if (!allowEmpty)
                Fail($"Empty {what}");
            return items;
        }
        do
            items.Add(item());
        while (TryTake(' '));
        Expect(')', "')' after " + what);
        return items;
    }
}
