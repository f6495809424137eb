using System.Text;
using Xunit;
using Mail.Protocols.Pop3;

namespace Mail.Protocols.Tests.Pop3;

public class Pop3ReplyTests
{
    private static string S(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public void Single_line_replies()
    {
        Assert.Equal("+OK maildrop has 2 messages (320 octets)\r\n", S(Pop3Reply.Ok("maildrop has 2 messages (320 octets)")));
        Assert.Equal("+OK\r\n", S(Pop3Reply.Ok("")));
        Assert.Equal("-ERR no such message\r\n", S(Pop3Reply.Err("no such message")));
        Assert.Equal("-ERR [IN-USE] maildrop locked\r\n", S(Pop3Reply.Err("maildrop locked", Pop3ResponseCode.InUse)));
        Assert.Equal("-ERR [SYS/TEMP] try later\r\n", S(Pop3Reply.Err("try later", Pop3ResponseCode.SysTemp)));
        Assert.Equal("-ERR [AUTH] authentication failed\r\n", S(Pop3Reply.Err("authentication failed", Pop3ResponseCode.Auth)));
        Assert.Equal("+ \r\n", S(Pop3Reply.Continue("")));
        Assert.Equal("+ PDEyMz4=\r\n", S(Pop3Reply.Continue("PDEyMz4=")));
    }

    [Fact]
    public void Multi_line_reply_is_stuffed_and_terminated()
    {
        Assert.Equal(
            "+OK 2 messages\r\n1 120\r\n..hidden\r\n2 200\r\n.\r\n",
            S(Pop3Reply.MultiLine("2 messages", ["1 120", ".hidden", "2 200"])));
        Assert.Equal("+OK\r\n.\r\n", S(Pop3Reply.MultiLine("", [])));
    }

    [Theory]
    [InlineData("a\r\n-ERR injected")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    public void Line_breaks_in_text_are_refused(string text)
    {
        Assert.Throws<ArgumentException>(() => Pop3Reply.Ok(text));
        Assert.Throws<ArgumentException>(() => Pop3Reply.Err(text));
        Assert.Throws<ArgumentException>(() => Pop3Reply.MultiLine("x", [text]));
    }

    [Fact]
    public void Capabilities_full_and_minimal()
    {
        var full = new Capabilities { Stls = true, User = true, SaslMechanisms = ["PLAIN", "LOGIN"], Expire = "NEVER" };
        Assert.Equal(
            "+OK Capability list follows\r\nTOP\r\nUIDL\r\nUSER\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\n"
            + "SASL PLAIN LOGIN\r\nSTLS\r\nEXPIRE NEVER\r\nIMPLEMENTATION maild\r\n.\r\n",
            S(full.ToReply()));

        var minimal = new Capabilities { Implementation = null };
        Assert.Equal(["TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE"], minimal.Lines());
    }
}
