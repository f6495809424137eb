using System.Text;
using Mail.Protocols.Smtp;
using Xunit;

namespace Mail.Protocols.Tests.Smtp;

public sealed class SmtpCommandParserTests
{
    internal static ISmtpCommand Parse(string line)
    {
        Assert.True(SmtpCommandParser.TryParse(Encoding.UTF8.GetBytes(line), out var command, out var error), error?.ToString());
        return command;
    }

    internal static SmtpReply Refuse(string line) => Refuse(Encoding.UTF8.GetBytes(line));

    internal static SmtpReply Refuse(byte[] line)
    {
        Assert.False(SmtpCommandParser.TryParse(line, out var command, out var error), command?.ToString());
        return error;
    }

    [Theory]
    [InlineData("DATA")]
    [InlineData("data")]
    [InlineData("DaTa  ")]
    public void Data_is_the_singleton(string line) => Assert.Same(Data.Instance, Parse(line));

    [Theory]
    [InlineData("RSET", SmtpVerbs.Rset)]
    [InlineData("QUIT", SmtpVerbs.Quit)]
    [InlineData("NOOP", SmtpVerbs.Noop)]
    [InlineData("NOOP whatever the client says", SmtpVerbs.Noop)] // RFC 5321 4.1.1.9
    [InlineData("starttls", SmtpVerbs.StartTls)]
    public void Payload_free_commands(string line, string verb) => Assert.Equal(verb, Parse(line).Verb);

    [Theory]
    [InlineData("EHLO mail.example.com", "mail.example.com")]
    [InlineData("ehlo [192.0.2.1]", "[192.0.2.1]")]
    [InlineData("EHLO   spaced.example  ", "spaced.example")]
    [InlineData("EHLO two words", "two words")] // Postfix keeps broken names whole; policy decides
    [InlineData("EHLO bücher.example", "bücher.example")]
    public void Ehlo(string line, string domain) => Assert.Equal(new Ehlo(domain), Parse(line));

    [Fact]
    public void Helo() => Assert.Equal(new Helo("client.example"), Parse("HELO client.example"));

    [Fact]
    public void Vrfy_keeps_its_argument() => Assert.Equal(new Vrfy("John Smith"), Parse("VRFY John Smith"));

    [Theory]
    [InlineData("HELP", null)]
    [InlineData("help MAIL", "MAIL")]
    public void Help(string line, string? topic) => Assert.Equal(new Help(topic), Parse(line));

    [Theory]
    [InlineData("AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=", "PLAIN", "dGVzdAB0ZXN0ADEyMzQ=")]
    [InlineData("auth login", "LOGIN", null)]
    [InlineData("AUTH PLAIN =", "PLAIN", "=")]
    [InlineData("AUTH SCRAM-SHA-256", "SCRAM-SHA-256", null)]
    public void Auth(string line, string mechanism, string? initial) =>
        Assert.Equal(new Auth(mechanism, initial), Parse(line));

    [Fact]
    public void Auth_hides_the_initial_response_from_logs() =>
        Assert.DoesNotContain("dGVzdA", Parse("AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=").ToString());

    [Theory]
    [InlineData("BDAT 1000", 1000, false)]
    [InlineData("BDAT 0 LAST", 0, true)]
    [InlineData("bdat 12 last", 12, true)]
    public void Bdat(string line, long size, bool last) => Assert.Equal(new Bdat(size, last), Parse(line));

    [Theory]
    [InlineData("", 500, "5.5.2", "Error: command not recognized")]
    [InlineData("   ", 500, "5.5.2", "Error: command not recognized")]
    [InlineData("FOO", 500, "5.5.2", "Error: command not recognized")]
    [InlineData("MAILFROM:<a@b.example>", 500, "5.5.2", "Error: command not recognized")]
    [InlineData("EXPN staff", 502, "5.5.2", "Error: command not recognized")] // Postfix: no EXPN at all
    [InlineData("expn", 502, "5.5.2", "Error: command not recognized")]
    [InlineData("EHLO", 501, "5.5.4", "Syntax: EHLO hostname")]
    [InlineData("HELO ", 501, "5.5.4", "Syntax: HELO hostname")]
    [InlineData("DATA now", 501, "5.5.4", "Syntax: DATA")]
    [InlineData("RSET x", 501, "5.5.4", "Syntax: RSET")]
    [InlineData("QUIT now", 501, "5.5.4", "Syntax: QUIT")]
    [InlineData("STARTTLS x", 501, "5.5.4", "Syntax: STARTTLS")]
    [InlineData("VRFY", 501, "5.5.4", "Syntax: VRFY address")]
    [InlineData("AUTH", 501, "5.5.4", "Syntax: AUTH mechanism [initial-response]")]
    [InlineData("AUTH PLAIN a b", 501, "5.5.4", "Syntax: AUTH mechanism [initial-response]")]
    [InlineData("AUTH PL@IN", 501, "5.5.4", "Syntax: AUTH mechanism [initial-response]")]
    [InlineData("AUTH PLAIN abc!", 501, "5.5.4", "Syntax: AUTH mechanism [initial-response]")]
    [InlineData("AUTH ABCDEFGHIJKLMNOPQRSTU", 501, "5.5.4", "Syntax: AUTH mechanism [initial-response]")]
    [InlineData("BDAT", 501, "5.5.4", "Syntax: BDAT chunk-size [LAST]")]
    [InlineData("BDAT x", 501, "5.5.4", "Syntax: BDAT chunk-size [LAST]")]
    [InlineData("BDAT -1", 501, "5.5.4", "Syntax: BDAT chunk-size [LAST]")]
    [InlineData("BDAT 10 FIRST", 501, "5.5.4", "Syntax: BDAT chunk-size [LAST]")]
    [InlineData("BDAT 99999999999999999999", 501, "5.5.4", "Syntax: BDAT chunk-size [LAST]")]
    public void Refusals(string line, int code, string enhanced, string text) =>
        Assert.Equal(new SmtpReply(code, enhanced, text), Refuse(line));

    [Theory]
    [InlineData("EHLO a\u0001b")]
    [InlineData("VRFY a\rb")]
    [InlineData("HELP \u007f")]
    public void Control_characters_in_arguments_are_a_syntax_error(string line) =>
        Assert.Equal(SmtpReply.SyntaxError, Refuse(line));

    [Fact]
    public void Invalid_utf8_is_refused() =>
        Assert.Equal(new SmtpReply(500, "5.5.2", "Error: bad UTF-8 syntax"), Refuse([.. "EHLO "u8, 0xFF]));

    [Fact]
    public void Parse_wraps_into_receiver_results()
    {
        Assert.Equal(new CommandInput(Quit.Instance), SmtpCommandParser.Parse("QUIT"u8));
        Assert.Equal(new ErrorInput(SmtpReply.UnknownCommand), SmtpCommandParser.Parse("XYZZY"u8));
    }
}
