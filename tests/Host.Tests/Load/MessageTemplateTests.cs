using System.Text;
using Mail.Host.Load;
using Xunit;

namespace Mail.Host.Tests.Load;

/// What goes on the wire must be what smtp-source sends (compared with `smtp-source -v` and
/// smtp-sink's dump files): recipient numbering, body layout, headers.
public sealed class MessageTemplateTests
{
    [Fact]
    public void Recipients_of_one_message_count_down_and_the_last_is_unnumbered()
    {
        Assert.Equal(["3foo@vm", "2foo@vm", "foo@vm"], Enumerable.Range(0, 3).Select(i => MessageTemplate.RecipientName("foo@vm", 3 - i, null)));
        Assert.Equal("foo@vm", MessageTemplate.RecipientName("foo@vm", 1, null));
    }

    [Fact]
    public void Dash_N_prefixes_a_run_wide_sequence()
    {
        var options = new SourceOptions { To = "rcpt@example.test", RecipientsPerMessage = 2, UniqueRecipients = true };
        var template = new MessageTemplate(options);
        long next = 0;
        var lines = Enumerable.Range(0, 4).Select(i => Encoding.ASCII.GetString(template.Rcpt(i % 2, () => ++next).Span));
        Assert.Equal(["RCPT TO:<1rcpt@example.test>\r\n", "RCPT TO:<2rcpt@example.test>\r\n", "RCPT TO:<3rcpt@example.test>\r\n", "RCPT TO:<4rcpt@example.test>\r\n"], lines);
    }

    [Fact]
    public void Without_dash_N_the_recipient_lines_are_fixed_and_take_no_numbers()
    {
        var template = new MessageTemplate(new SourceOptions { To = "r@x", RecipientsPerMessage = 2 });
        Assert.Equal("RCPT TO:<2r@x>\r\n", Encoding.ASCII.GetString(template.Rcpt(0, () => throw new InvalidOperationException()).Span));
        Assert.Equal("RCPT TO:<r@x>\r\n", Encoding.ASCII.GetString(template.Rcpt(1, () => throw new InvalidOperationException()).Span));
        Assert.Equal("MAIL FROM:<foo@h>\r\n", Encoding.ASCII.GetString(new MessageTemplate(new SourceOptions { MyHostname = "h" }).MailFrom));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(79)]
    [InlineData(80)]
    [InlineData(200)]
    [InlineData(1024)]
    [InlineData(10240)]
    public void Dash_l_counts_payload_bytes_without_line_ends(int size)
    {
        var lines = MessageTemplate.Body(size).Split("\r\n")[..^1];
        Assert.Equal(size, lines.Sum(l => l.Length));
        Assert.All(lines, l => Assert.InRange(l.Length, 1, 80));
    }

    [Fact]
    public void The_body_looks_like_smtp_sources()
    {
        Assert.Equal("1" + new string('X', 79) + "\r\n2" + new string('X', 79) + "\r\n" + new string('X', 40) + "\r\n", MessageTemplate.Body(200));
        Assert.StartsWith("La de da de da 1.\r\n", MessageTemplate.Body(null));
        Assert.EndsWith("\r\n.\r\n", Encoding.ASCII.GetString(new MessageTemplate(new SourceOptions()).Payload));
    }

    [Fact]
    public void Headers_carry_sender_recipient_date_message_id_and_the_subject_of_dash_S()
    {
        var template = new MessageTemplate(new SourceOptions { From = "a@b", To = "c@d", Subject = "load test", MyHostname = "client.test" });
        var headers = template.Headers(3, 17, new DateTimeOffset(2026, 11, 27, 2, 3, 40, TimeSpan.Zero));
        Assert.Contains("From: <a@b>\r\nTo: <c@d>\r\nDate: Fri, 27 Nov 2026 02:03:40 +0000\r\n", headers);
        Assert.Contains($"Message-Id: <{Environment.ProcessId:x}.0003.0011@client.test>\r\n", headers);
        Assert.EndsWith("Subject: load test\r\n\r\n", headers);
        Assert.DoesNotContain("Subject", new MessageTemplate(new SourceOptions()).Headers(0, 0, DateTimeOffset.UnixEpoch));
    }
}
