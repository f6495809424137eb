using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Smtp;

/// <summary>
/// What a raw SMTP client hands over is what a raw POP3 client gets back, byte for byte, once
/// both sides' dot-stuffing is undone and the server's two trace headers are taken off.
/// </summary>
public sealed class ByteExactnessTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    public override ValueTask InitializeAsync()
    {
        Watch(Server);
        return base.InitializeAsync();
    }

    [Fact]
    public async Task Dots_8bit_UTF8_and_a_998_octet_line_survive_SMTP_and_POP3_byte_for_byte()
    {
        var user = UniqueAddress("exact");
        await Server.AddUserAsync(user, "secret");
        var content = Encoding.UTF8.GetBytes(
            "From: <sender@remote.test>\r\n" +
            $"To: <{user}>\r\n" +
            "Subject: =?utf-8?q?tricky?=\r\n" +
            "MIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\n" +
            "Content-Transfer-Encoding: 8bit\r\n" +
            "\r\n" +
            ".starts with one dot\r\n" +
            "..starts with two dots\r\n" +
            ".\r\n" +
            "a lone . inside a line, and one at the end .\r\n" +
            " .\r\n" +
            "Grüße aus Köln, ½ €, 日本語, emoji 📬\r\n" +
            new string('x', 998) + "\r\n" +
            "\r\n" +
            "last line without CRLF");
        // The client adds the CRLF the content lacks before the final dot; that CRLF is then
        // part of the stored message (RFC 5321 4.1.1.4).
        var expected = content.Concat("\r\n"u8.ToArray()).ToArray();

        await using (var smtp = await SmtpDialog.ConnectEhloAsync(Server.SmtpPort))
        {
            await smtp.ExpectAsync("MAIL FROM:<sender@remote.test> BODY=8BITMIME", 250, "2.1.0");
            await smtp.ExpectAsync($"RCPT TO:<{user}>", 250, "2.1.5");
            await smtp.ExpectAsync("DATA", 354);
            await smtp.WriteAsync(DotStuff(expected));
            await smtp.WriteAsync(".\r\n"u8.ToArray());
            var reply = await smtp.ReadReplyAsync();
            Assert.Equal((250, "2.0.0"), (reply.Code, reply.Enhanced));
        }

        await using var pop = await Pop3Dialog.LoginAsync(Server.Pop3Port, user, "secret");
        var stored = await pop.RetrAsync(1);
        var (traceLines, message) = SplitTraceHeaders(stored);

        Assert.Equal("Return-Path: <sender@remote.test>", traceLines[0]);
        Assert.StartsWith("Received: from client.example.test (unknown [127.0.0.1])", traceLines[1]);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(message));
        var (_, size) = await pop.StatAsync();
        Assert.Equal(stored.Length, size); // STAT counts the octets RETR sends (before stuffing)
    }

    /// RFC 5321 4.5.2: a line that starts with "." gets one more.
    private static byte[] DotStuff(byte[] message)
    {
        var output = new MemoryStream();
        var atLineStart = true;
        foreach (var b in message)
        {
            if (atLineStart && b == '.')
                output.WriteByte((byte)'.');
            output.WriteByte(b);
            atLineStart = b == '\n';
        }
        return output.ToArray();
    }

    /// Takes the Return-Path line and the (folded) Received header off the front.
    private static (List<string> TraceLines, byte[] Message) SplitTraceHeaders(byte[] stored)
    {
        var lines = new List<string>();
        var position = 0;
        while (true)
        {
            var end = Array.IndexOf(stored, (byte)'\n', position);
            Assert.True(end > 0, "stored message ends inside its trace headers");
            var line = Encoding.UTF8.GetString(stored, position, end - 1 - position);
            var isTrace = lines.Count == 0 ? line.StartsWith("Return-Path:", StringComparison.Ordinal)
                : lines.Count == 1 ? line.StartsWith("Received:", StringComparison.Ordinal)
                : line.StartsWith('\t') || line.StartsWith(' ');
            if (!isTrace)
                break;
            if (lines.Count >= 2 && (line.StartsWith('\t') || line.StartsWith(' ')))
                lines[1] += "\r\n" + line;
            else
                lines.Add(line);
            position = end + 1;
        }
        Assert.Equal(2, lines.Count);
        return (lines, stored[position..]);
    }
}
