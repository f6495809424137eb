using System.Text;
using Mail.Protocols.Smtp;
using MimeKit;
using static Mail.Actors.Tests.Bounces.Dsns;

namespace Mail.Actors.Tests.Bounces;

public sealed class DsnFieldTests
{
    [Fact]
    public void A_2_KB_diagnostic_is_folded_and_unfolds_to_the_same_value()
    {
        var words = Enumerable.Range(0, 500).Select(i => $"w{i}");
        var diagnostic = "550 5.7.1 " + string.Join(' ', words);
        Assert.True(diagnostic.Length > 2000);

        var (dsn, bytes) = RoundTrip(Request(null, Failed("bob@example.net", diagnostic)), Original);

        Assert.Equal("smtp; " + diagnostic, Status(dsn).StatusGroups[1]["Diagnostic-Code"]);
        var lines = StatusLines(dsn);
        Assert.True(lines.Count(l => l.StartsWith(' ')) > 20, "folded onto continuation lines");
        Assert.All(lines, l => Assert.True(l.Length <= 78, l));
        Assert.All(Lines(bytes), l => Assert.True(l.Length <= 998));
    }

    [Fact]
    public void A_2_KB_diagnostic_without_spaces_is_cut_to_legal_lines()
    {
        var diagnostic = "550 " + new string('x', 2000);

        var (dsn, bytes) = RoundTrip(Request(null, Failed("bob@example.net", diagnostic)), Original);

        Assert.All(Lines(bytes), l => Assert.True(l.Length <= 998));
        var value = Status(dsn).StatusGroups[1]["Diagnostic-Code"];
        Assert.Equal("smtp; " + diagnostic, value?.Replace("x x", "xx")); // only spaces were added
    }

    [Fact]
    public void Multi_line_replies_and_control_characters_stay_on_one_field()
    {
        var diagnostic = "550-5.1.1 first line\r\n550 5.1.1 second\tline\0";

        var (dsn, _) = RoundTrip(Request(null, Failed("bob@example.net", diagnostic)), Original);

        var group = Status(dsn).StatusGroups[1];
        Assert.Equal("smtp; 550-5.1.1 first line  550 5.1.1 second line?", group["Diagnostic-Code"]);
        Assert.Equal("failed", group["Action"]);
    }

    [Fact]
    public void Non_ASCII_addresses_use_the_utf_8_type_and_stay_7_bit()
    {
        var recipient = Failed("jürgen@example.net", orcpt: new OriginalRecipient("utf-8", "jürgen@exämple.net"));

        var (dsn, _) = RoundTrip(Request(null, recipient), Original);

        var group = Status(dsn).StatusGroups[1];
        Assert.Equal(@"utf-8; j\x{FC}rgen@example.net", group["Final-Recipient"]);
        Assert.Equal(@"utf-8; j\x{FC}rgen@ex\x{E4}mple.net", group["Original-Recipient"]);
        var text = Assert.IsType<TextPart>(Report(dsn)[0]);
        Assert.Contains("<jürgen@example.net>", text.Text); // the human part is UTF-8 instead
        Assert.Equal(ContentEncoding.QuotedPrintable, text.ContentTransferEncoding);
    }

    [Fact]
    public void Unix_line_ends_when_asked_for()
    {
        var dsn = Mail.Actors.Bounces.DsnBuilder.Build(Request(null, Failed("bob@example.net", "550 " + string.Join(' ', Enumerable.Repeat("word", 50)))), null, now: Now);
        using var stream = new MemoryStream();
        dsn.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Unix }, stream, TestContext.Current.CancellationToken);

        Assert.DoesNotContain((byte)'\r', stream.ToArray());
    }

    static List<string> StatusLines(MimeMessage dsn)
    {
        using var content = new MemoryStream();
        Status(dsn).Content!.DecodeTo(content, TestContext.Current.CancellationToken);
        return [.. Lines(content.ToArray())];
    }

    static string[] Lines(byte[] bytes) => Encoding.UTF8.GetString(bytes).Split("\r\n");
}
