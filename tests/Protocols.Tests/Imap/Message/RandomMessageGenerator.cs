using System.Text;

namespace Mail.Protocols.Tests.Imap.Message;

/// <summary>
/// Random messages, from well-formed to badly broken: nested multiparts and message/rfc822,
/// 8-bit and encoded-word headers, garbage lines, bare LF, wrong or missing boundaries, and
/// random truncation. Seeded, so a failure names the message that caused it.
/// </summary>
internal sealed class RandomMessageGenerator(int seed)
{
    private readonly Random random = new(seed);

    private static readonly string[] Subjects =
        ["hello", "Grüße", "=?utf-8?q?Gr=C3=BC=C3=9Fe?=", "=?bogus?x?broken?=", "\"quoted\" \\ back", "", "a\r\n folded one", "ünïcödé ✓"];
    private static readonly string[] Addresses =
        ["a@b.example", "\"Jörg\" <j@x.example>", "=?iso-8859-1?q?J=F6rg?= <j@x.example>", "group: a@x.example, b@y.example;",
         "undisclosed-recipients:;", "no-domain", "<@route.example:user@host.example>", "broken <", "", "x@y, ,z@w"];
    private static readonly string[] TextTypes =
        ["text/plain", "text/plain; charset=utf-8", "text/html; charset=iso-8859-1", "text/plain; charset=nonexistent-charset", "TEXT/PLAIN; CHARSET=US-ASCII"];
    private static readonly string[] Encodings = ["7bit", "8bit", "base64", "quoted-printable", "x-unknown", "BASE64"];

    public byte[] Next()
    {
        var text = new StringBuilder();
        WriteMessage(text, depth: 0);
        var newline = random.Next(4) switch { 0 => "\n", 1 => "\r\n", 2 => "\r\n", _ => random.Next(2) == 0 ? "\n" : "\r\n" };
        var raw = Encoding.UTF8.GetBytes(text.ToString().Replace("\n", newline));
        if (random.Next(8) == 0)
            raw = raw[..random.Next(raw.Length + 1)];
        if (random.Next(20) == 0)
            raw = [.. raw, .. Enumerable.Range(0, random.Next(40)).Select(_ => (byte)random.Next(256))];
        return raw;
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private void WriteMessage(StringBuilder text, int depth)
    {
        if (random.Next(15) != 0)
        {
            text.Append("From: ").Append(Pick(Addresses)).Append('\n');
            if (random.Next(2) == 0)
                text.Append("To: ").Append(Pick(Addresses)).Append(", ").Append(Pick(Addresses)).Append('\n');
            if (random.Next(3) == 0)
                text.Append("Cc: ").Append(Pick(Addresses)).Append('\n');
            if (random.Next(4) == 0)
                text.Append("Sender: ").Append(Pick(Addresses)).Append('\n');
            text.Append("Subject: ").Append(Pick(Subjects)).Append('\n');
            if (random.Next(3) != 0)
                text.Append("Date: ").Append(random.Next(4) == 0 ? "not a date" : "Mon, 6 May 2024 09:30:00 +0200").Append('\n');
            if (random.Next(2) == 0)
                text.Append("Message-ID: <").Append(random.Next()).Append("@gen.example>\n");
            if (random.Next(10) == 0)
                text.Append("garbage line without colon\n");
        }
        WriteEntity(text, depth);
    }

    private void WriteEntity(StringBuilder text, int depth)
    {
        var choice = depth > 3 ? 0 : random.Next(6);
        switch (choice)
        {
            case 0 or 1 or 2:
                WriteLeaf(text);
                break;
            case 3 or 4:
                WriteMultipart(text, depth);
                break;
            default:
                text.Append("Content-Type: message/rfc822\n");
                if (random.Next(6) == 0)
                    text.Append("Content-Transfer-Encoding: base64\n");
                text.Append('\n');
                WriteMessage(text, depth + 1);
                break;
        }
    }

    private void WriteLeaf(StringBuilder text)
    {
        if (random.Next(5) != 0)
            text.Append("Content-Type: ").Append(random.Next(5) == 0 ? "application/octet-stream; name=\"f ü.bin\"" : Pick(TextTypes)).Append('\n');
        if (random.Next(2) == 0)
            text.Append("Content-Transfer-Encoding: ").Append(Pick(Encodings)).Append('\n');
        if (random.Next(4) == 0)
            text.Append("Content-Disposition: ").Append(random.Next(2) == 0 ? "attachment; filename=\"a.txt\"" : "inline").Append('\n');
        if (random.Next(6) == 0)
            text.Append("Content-Language: en, fr\nContent-Location: x.txt\nContent-ID: <id@x>\n");
        if (random.Next(12) != 0)
            text.Append('\n');
        for (var lines = random.Next(6); lines > 0; lines--)
            text.Append(random.Next(4) switch { 0 => "SGVsbG8gd29ybGQ=", 1 => "caf=C3=A9 soft=\nbreak", 2 => "Grüße ✓", _ => "plain line" }).Append('\n');
    }

    private void WriteMultipart(StringBuilder text, int depth)
    {
        var boundary = "b" + random.Next(1000);
        var subtype = random.Next(3) switch { 0 => "mixed", 1 => "alternative", _ => "digest" };
        text.Append("Content-Type: multipart/").Append(subtype);
        if (random.Next(10) != 0)
            text.Append("; boundary=\"").Append(boundary).Append('"');
        text.Append("\n\n");
        if (random.Next(3) == 0)
            text.Append("preamble\n");
        for (var parts = random.Next(4); parts > 0; parts--)
        {
            text.Append("--").Append(random.Next(12) == 0 ? "wrong" : boundary).Append('\n');
            WriteEntity(text, depth + 1);
        }
        if (random.Next(5) != 0)
            text.Append("--").Append(boundary).Append("--\n");
        if (random.Next(3) == 0)
            text.Append("epilogue\n");
    }
}
