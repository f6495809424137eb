using System.Text;

namespace Mail.Protocols.Pop3;

/// <summary>
/// Turns one command line (terminator already removed) into a command or an error reply.
/// Stateless: framing and line limits belong to <see cref="Pop3Receiver"/>.
/// </summary>
public static class Pop3CommandParser
{
    public const string UnknownCommand = "unknown command";
    public const string SyntaxError = "syntax error";
    public const string InvalidMessageNumber = "invalid message number";
    public const string InvalidLineCount = "invalid line count";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses one line without its CRLF.</summary>
    /// <remarks><![CDATA[
    /// command  = keyword *(SP param)          ; RFC 2449 section 3
    /// keyword  = 3*4VCHAR                     ; case-insensitive
    /// param    = 1*VCHAR
    /// PASS SP string                          ; RFC 1939: the whole rest of the line, spaces included
    /// Departures: runs of spaces and trailing spaces between parameters are tolerated (clients
    /// send "LIST "), and parameters may be UTF-8 rather than VCHAR so non-ASCII passwords work.
    /// Control characters (NUL, bare CR, TAB, DEL) are refused.
    /// ]]></remarks>
    public static Pop3Input Parse(ReadOnlySpan<byte> line)
    {
        if (!TryDecode(line, out var text))
            return Error(SyntaxError);

        var space = text.IndexOf(' ');
        var verb = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var rest = space < 0 ? null : text[(space + 1)..];

        // PASS keeps its argument verbatim: passwords may contain, start or end with spaces.
        if (verb == "PASS")
            return string.IsNullOrEmpty(rest) ? Error(SyntaxError) : new CommandInput(new Pass(rest));

        var args = rest?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return verb switch
        {
            "USER" => args.Length == 1 ? new CommandInput(new User(args[0])) : Error(SyntaxError),
            "APOP" => ParseApop(args),
            "AUTH" => ParseAuth(args),
            "CAPA" => NoArguments(args, Capa.Instance),
            "STLS" => NoArguments(args, Stls.Instance),
            "QUIT" => NoArguments(args, Quit.Instance),
            "STAT" => NoArguments(args, Stat.Instance),
            "RSET" => NoArguments(args, Rset.Instance),
            "NOOP" => NoArguments(args, Noop.Instance),
            "LIST" => OptionalMessage(args, n => new List(n)),
            "UIDL" => OptionalMessage(args, n => new Uidl(n)),
            "RETR" => RequiredMessage(args, n => new Retr(n)),
            "DELE" => RequiredMessage(args, n => new Dele(n)),
            "TOP" => ParseTop(args),
            _ => Error(UnknownCommand),
        };
    }

    internal static bool TryDecode(ReadOnlySpan<byte> line, out string text)
    {
        text = "";
        foreach (var b in line)
        {
            if (b < 0x20 || b == 0x7F)
                return false;
        }
        try
        {
            text = StrictUtf8.GetString(line);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    internal static ErrorInput Error(string text) => new(Pop3Reply.Err(text));

    private static Pop3Input NoArguments(string[] args, IPop3Command command) =>
        args.Length == 0 ? new CommandInput(command) : Error(SyntaxError);

    private static Pop3Input OptionalMessage(string[] args, Func<int?, IPop3Command> create) => args.Length switch
    {
        0 => new CommandInput(create(null)),
        1 => Pop3Arguments.TryMessageNumber(args[0], out var n) ? new CommandInput(create(n)) : Error(InvalidMessageNumber),
        _ => Error(SyntaxError),
    };

    private static Pop3Input RequiredMessage(string[] args, Func<int, IPop3Command> create)
    {
        if (args.Length != 1)
            return Error(SyntaxError);
        return Pop3Arguments.TryMessageNumber(args[0], out var n) ? new CommandInput(create(n)) : Error(InvalidMessageNumber);
    }

    private static Pop3Input ParseTop(string[] args)
    {
        if (args.Length != 2)
            return Error(SyntaxError);
        if (!Pop3Arguments.TryMessageNumber(args[0], out var message))
            return Error(InvalidMessageNumber);
        return Pop3Arguments.TryLineCount(args[1], out var lines) ? new CommandInput(new Top(message, lines)) : Error(InvalidLineCount);
    }

    private static Pop3Input ParseApop(string[] args) =>
        args.Length == 2 && Pop3Arguments.TryDigest(args[1], out var digest)
            ? new CommandInput(new Apop(args[0], digest))
            : Error(SyntaxError);

    private static Pop3Input ParseAuth(string[] args)
    {
        if (args.Length == 0)
            return new CommandInput(new Auth(null, null));
        if (args.Length > 2 || !Pop3Arguments.TryMechanism(args[0], out var mechanism))
            return Error(SyntaxError);
        if (args.Length == 2 && !Pop3Arguments.IsInitialResponse(args[1]))
            return Error(SyntaxError);
        return new CommandInput(new Auth(mechanism, args.Length == 2 ? args[1] : null));
    }
}
