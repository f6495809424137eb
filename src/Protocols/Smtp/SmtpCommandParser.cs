using System.Diagnostics.CodeAnalysis;

namespace Mail.Protocols.Smtp;

/// <summary>
/// Turns one command line (without its line ending) into a command or the reply that
/// refuses it. Pure: it knows the grammar, not the session state.
/// </summary>
public static partial class SmtpCommandParser
{
    /// <summary>A <see cref="CommandInput"/> or an <see cref="ErrorInput"/>.</summary>
    public static SmtpInput Parse(ReadOnlySpan<byte> line) =>
        TryParse(line, out var command, out var error) ? new CommandInput(command) : new ErrorInput(error, KnownVerb(line));

    /// <summary>The verb the line starts with, upper case, when it is a command we know; else null.</summary>
    public static string? KnownVerb(ReadOnlySpan<byte> line)
    {
        var text = System.Text.Encoding.Latin1.GetString(line[..Math.Min(line.Length, 16)]).TrimStart(' ');
        var space = text.IndexOf(' ');
        var verb = (space < 0 ? text : text[..space]).ToUpperInvariant();
        return IsKnown(verb) ? verb : null;
    }

    /// <summary>
    /// The chunk size of a BDAT line that is refused for what follows it ("BDAT 12 LAST FOO"):
    /// the client sends those octets anyway, so the receiver must count them off (RFC 3030 2)
    /// rather than read them as commands. False when the line has no readable size.
    /// </summary>
    public static bool TryChunkSize(ReadOnlySpan<byte> line, out long size)
    {
        size = 0;
        if (KnownVerb(line) != SmtpVerbs.Bdat)
        {
            return false;
        }

        var words = System.Text.Encoding.Latin1.GetString(line).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2
            && words[1].All(char.IsAsciiDigit)
            && long.TryParse(words[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size);
    }

    /// <remarks><![CDATA[
    /// command = verb [ SP argument ]   ; verbs case-insensitive (RFC 5321 2.4)
    /// ]]>
    /// Leniencies, like Postfix: extra spaces between words and around the line are ignored.
    /// The line must be valid UTF-8 (RFC 6531); control characters in arguments are refused
    /// so that nothing a client sends can forge a log line or a reply.
    /// </remarks>
    public static bool TryParse(
        ReadOnlySpan<byte> line,
        [NotNullWhen(true)] out ISmtpCommand? command,
        [NotNullWhen(false)] out SmtpReply? error)
    {
        command = null;
        error = null;
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            error = SmtpReply.BadUtf8;
            return false;
        }

        var text = System.Text.Encoding.UTF8.GetString(line).Trim(' ');
        var space = text.IndexOf(' ');
        var verb = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var argument = space < 0 ? "" : text[(space + 1)..].TrimStart(' ');
        if (verb == "EXPN")
        {
            // Never expand lists (address harvesting); worded as Postfix, which has no EXPN.
            error = SmtpReply.NotRecognized;
            return false;
        }

        if (!IsKnown(verb))
        {
            error = SmtpReply.UnknownCommand;
            return false;
        }

        if (argument.Any(c => char.IsControl(c)))
        {
            error = SmtpReply.SyntaxError;
            return false;
        }

        command = verb switch
        {
            SmtpVerbs.Ehlo => argument.Length > 0 ? new Ehlo(argument) : null,
            SmtpVerbs.Helo => argument.Length > 0 ? new Helo(argument) : null,
            SmtpVerbs.Mail => ParseMail(argument, out error),
            SmtpVerbs.Rcpt => ParseRcpt(argument, out error),
            SmtpVerbs.Data => argument.Length == 0 ? Data.Instance : null,
            SmtpVerbs.Rset => argument.Length == 0 ? Rset.Instance : null,
            SmtpVerbs.Quit => argument.Length == 0 ? Quit.Instance : null,
            SmtpVerbs.StartTls => argument.Length == 0 ? StartTls.Instance : null,
            SmtpVerbs.Noop => Noop.Instance,
            SmtpVerbs.Vrfy => argument.Length > 0 ? new Vrfy(argument) : null,
            SmtpVerbs.Help => new Help(argument.Length > 0 ? argument : null),
            SmtpVerbs.Auth => ParseAuth(argument),
            SmtpVerbs.Bdat => ParseBdat(argument),
            _ => null,
        };

        if (command is not null)
        {
            return true;
        }

        // MAIL and RCPT set their own error; for the others a null command is a usage error.
        error ??= SmtpReply.Usage(Usages[verb]);
        return false;
    }

    private static readonly Dictionary<string, string> Usages = new()
    {
        [SmtpVerbs.Ehlo] = "EHLO hostname",
        [SmtpVerbs.Helo] = "HELO hostname",
        [SmtpVerbs.Data] = "DATA",
        [SmtpVerbs.Rset] = "RSET",
        [SmtpVerbs.Quit] = "QUIT",
        [SmtpVerbs.StartTls] = "STARTTLS",
        [SmtpVerbs.Vrfy] = "VRFY address",
        [SmtpVerbs.Auth] = "AUTH mechanism [initial-response]",
        [SmtpVerbs.Bdat] = "BDAT chunk-size [LAST]",
        [SmtpVerbs.Noop] = "NOOP",
        [SmtpVerbs.Help] = "HELP",
    };

    private static bool IsKnown(string verb) => Usages.ContainsKey(verb) || verb is SmtpVerbs.Mail or SmtpVerbs.Rcpt;

    /// <remarks><![CDATA[
    /// auth-command = "AUTH" SP sasl-mech [SP initial-response]   ; RFC 4954 4
    /// sasl-mech    = 1*20(UPPER-ALPHA / DIGIT / "-" / "_")       ; RFC 4422, taken in any case
    /// initial-response = base64 / "="
    /// ]]></remarks>
    private static Auth? ParseAuth(string argument)
    {
        var words = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 2
            || words[0].Length > 20
            || !words[0].All(c => SmtpChars.IsAlphaDigit(c) || c is '-' or '_')
            || (words.Length == 2 && !words[1].All(c => SmtpChars.IsAlphaDigit(c) || c is '+' or '/' or '=')))
        {
            return null;
        }

        return new Auth(words[0].ToUpperInvariant(), words.Length == 2 ? words[1] : null);
    }

    /// <remarks><![CDATA[bdat-cmd ::= "BDAT" SP chunk-size [ SP end-marker ] ; chunk-size ::= 1*DIGIT ; end-marker ::= "LAST"  (RFC 3030)]]></remarks>
    private static Bdat? ParseBdat(string argument)
    {
        var words = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 2
            || !words[0].All(char.IsAsciiDigit)
            || !long.TryParse(words[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size)
            || (words.Length == 2 && !words[1].Equals("LAST", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return new Bdat(size, words.Length == 2);
    }
}
