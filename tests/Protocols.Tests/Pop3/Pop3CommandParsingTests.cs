using Xunit;
using Mail.Protocols.Pop3;

namespace Mail.Protocols.Tests.Pop3;

public class Pop3CommandParsingTests
{
    public static TheoryData<string, IPop3Command> Commands => new()
    {
        { "USER mrose\r\n", new User("mrose") },
        { "user mrose\r\n", new User("mrose") },
        { "PASS secret\r\n", new Pass("secret") },
        { "PASS  two words \r\n", new Pass(" two words ") },
        { "pass tanstaaf\n", new Pass("tanstaaf") },
        { "PASS p\u00e4ss\r\n", new Pass("p\u00e4ss") },
        { "APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n", new Apop("mrose", "c4c9334bac560ecc979e58001b3e22fb") },
        { "APOP mrose C4C9334BAC560ECC979E58001B3E22FB\r\n", new Apop("mrose", "c4c9334bac560ecc979e58001b3e22fb") },
        { "AUTH\r\n", new Auth(null, null) },
        { "AUTH plain\r\n", new Auth("PLAIN", null) },
        { "AUTH PLAIN dGVzdAB0ZXN0AHRlc3Q=\r\n", new Auth("PLAIN", "dGVzdAB0ZXN0AHRlc3Q=") },
        { "AUTH PLAIN =\r\n", new Auth("PLAIN", "=") },
        { "AUTH SCRAM-SHA-256\r\n", new Auth("SCRAM-SHA-256", null) },
        { "CAPA\r\n", Capa.Instance },
        { "stls\r\n", Stls.Instance },
        { "QUIT\r\n", Quit.Instance },
        { "STAT\r\n", Stat.Instance },
        { "Stat \r\n", Stat.Instance },
        { "RSET\r\n", Rset.Instance },
        { "NOOP\r\n", Noop.Instance },
        { "LIST\r\n", new List(null) },
        { "LIST 2\r\n", new List(2) },
        { "LIST  2 \r\n", new List(2) },
        { "UIDL\r\n", new Uidl(null) },
        { "uidl 7\r\n", new Uidl(7) },
        { "RETR 1\r\n", new Retr(1) },
        { "RETR 2147483647\r\n", new Retr(int.MaxValue) },
        { "RETR 007\r\n", new Retr(7) },
        { "DELE 3\r\n", new Dele(3) },
        { "TOP 1 10\r\n", new Top(1, 10) },
        { "TOP 1 0\r\n", new Top(1, 0) },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Parses_every_command(string line, IPop3Command expected)
    {
        var command = Assert.IsType<CommandInput>(ReceiverFeed.Single(line)).Command;
        Assert.Equal(expected, command);
    }

    [Fact]
    public void Payload_free_commands_are_the_singletons()
    {
        Assert.Same(Stat.Instance, Assert.IsType<CommandInput>(ReceiverFeed.Single("STAT\r\n")).Command);
        Assert.Same(Quit.Instance, Assert.IsType<CommandInput>(ReceiverFeed.Single("quit\r\n")).Command);
    }

    [Theory]
    [InlineData("\r\n", "-ERR unknown command")]
    [InlineData(" STAT\r\n", "-ERR unknown command")]
    [InlineData("HELO x\r\n", "-ERR unknown command")]
    [InlineData("STATS\r\n", "-ERR unknown command")]
    [InlineData("USER\r\n", "-ERR syntax error")]
    [InlineData("USER a b\r\n", "-ERR syntax error")]
    [InlineData("PASS\r\n", "-ERR syntax error")]
    [InlineData("PASS \r\n", "-ERR syntax error")]
    [InlineData("PASS a\0b\r\n", "-ERR syntax error")]
    [InlineData("PASS a\rb\r\n", "-ERR syntax error")]
    [InlineData("PASS a\tb\r\n", "-ERR syntax error")]
    [InlineData("STAT 1\r\n", "-ERR syntax error")]
    [InlineData("CAPA x\r\n", "-ERR syntax error")]
    [InlineData("STLS now\r\n", "-ERR syntax error")]
    [InlineData("QUIT now\r\n", "-ERR syntax error")]
    [InlineData("RSET 1\r\n", "-ERR syntax error")]
    [InlineData("NOOP 1\r\n", "-ERR syntax error")]
    [InlineData("LIST 1 2\r\n", "-ERR syntax error")]
    [InlineData("LIST 0\r\n", "-ERR invalid message number")]
    [InlineData("LIST -1\r\n", "-ERR invalid message number")]
    [InlineData("LIST +1\r\n", "-ERR invalid message number")]
    [InlineData("LIST one\r\n", "-ERR invalid message number")]
    [InlineData("LIST 2147483648\r\n", "-ERR invalid message number")]
    [InlineData("LIST 99999999999999999999\r\n", "-ERR invalid message number")]
    [InlineData("LIST \u0661\r\n", "-ERR invalid message number")]
    [InlineData("UIDL x\r\n", "-ERR invalid message number")]
    [InlineData("UIDL 1 2\r\n", "-ERR syntax error")]
    [InlineData("RETR\r\n", "-ERR syntax error")]
    [InlineData("RETR 0\r\n", "-ERR invalid message number")]
    [InlineData("RETR 1 2\r\n", "-ERR syntax error")]
    [InlineData("DELE\r\n", "-ERR syntax error")]
    [InlineData("DELE 1.5\r\n", "-ERR invalid message number")]
    [InlineData("TOP 1\r\n", "-ERR syntax error")]
    [InlineData("TOP 1 2 3\r\n", "-ERR syntax error")]
    [InlineData("TOP 0 1\r\n", "-ERR invalid message number")]
    [InlineData("TOP 1 -1\r\n", "-ERR invalid line count")]
    [InlineData("TOP 1 2147483648\r\n", "-ERR invalid line count")]
    [InlineData("APOP mrose\r\n", "-ERR syntax error")]
    [InlineData("APOP mrose c4c9334bac560ecc979e58001b3e22f\r\n", "-ERR syntax error")]
    [InlineData("APOP mrose c4c9334bac560ecc979e58001b3e22fz\r\n", "-ERR syntax error")]
    [InlineData("AUTH PLA!N\r\n", "-ERR syntax error")]
    [InlineData("AUTH ABCDEFGHIJKLMNOPQRSTU\r\n", "-ERR syntax error")]
    [InlineData("AUTH PLAIN abc\r\n", "-ERR syntax error")]
    [InlineData("AUTH PLAIN ab=c\r\n", "-ERR syntax error")]
    [InlineData("AUTH PLAIN dGVz dA==\r\n", "-ERR syntax error")]
    public void Rejects_bad_commands_with_exact_reply(string line, string expected)
    {
        var error = Assert.IsType<ErrorInput>(ReceiverFeed.Single(line));
        Assert.Equal(expected, error.Text);
        Assert.Equal(expected + "\r\n", System.Text.Encoding.ASCII.GetString(error.Reply));
    }

    [Fact]
    public void Invalid_utf8_is_a_syntax_error()
    {
        var results = ReceiverFeed.Feed([.. "PASS "u8, 0xC3, 0x28, (byte)'\r', (byte)'\n'], 1);
        Assert.Equal("-ERR syntax error", ReceiverFeed.ErrorText(Assert.Single(results)));
    }

    [Fact]
    public void Secrets_do_not_appear_in_ToString()
    {
        Assert.DoesNotContain("hunter2", new Pass("hunter2").ToString());
        Assert.DoesNotContain("aHVudGVyMg==", new Auth("PLAIN", "aHVudGVyMg==").ToString());
        Assert.DoesNotContain("aHVudGVyMg==", new SaslResponseInput("aHVudGVyMg==").ToString());
    }
}
