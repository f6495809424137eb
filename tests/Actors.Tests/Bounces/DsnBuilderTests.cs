using Mail.Actors.Bounces;
using Mail.Protocols.Smtp;
using MimeKit;
using MimeKit.Utils;
using static Mail.Actors.Tests.Bounces.Dsns;

namespace Mail.Actors.Tests.Bounces;

public sealed class DsnBuilderTests
{
    [Fact]
    public void Failure_for_two_recipients_is_an_RFC_3464_report()
    {
        var request = Request(null,
            Failed("bob@example.net", orcpt: new OriginalRecipient("rfc822", "Bob.Smith@Example.NET")),
            Failed("carol@example.net", "550 5.7.1 Relaying denied"));

        var (dsn, _) = RoundTrip(request, Original);

        Assert.Equal("Undelivered Mail Returned to Sender", dsn.Subject);
        Assert.Equal("MAILER-DAEMON@mx.example.com", Assert.IsType<MailboxAddress>(Assert.Single(dsn.From)).Address);
        Assert.Equal("Mail Delivery System", dsn.From.Mailboxes.Single().Name);
        Assert.Equal("alice@example.org", dsn.To.Mailboxes.Single().Address);
        Assert.Equal("auto-replied", dsn.Headers["Auto-Submitted"]);
        Assert.Equal("1.0", dsn.Headers[HeaderId.MimeVersion]);
        Assert.EndsWith("@mx.example.com", dsn.MessageId);
        Assert.Equal(Now, dsn.Date);

        var report = Report(dsn);
        Assert.Equal("multipart/report", report.ContentType.MimeType);
        Assert.Equal("delivery-status", report.ReportType);
        Assert.Equal("delivery-status", report.ContentType.Parameters["report-type"]);
        Assert.Equal(3, report.Count);
        Assert.Equal("text/plain", report[0].ContentType.MimeType);
        Assert.Equal("message/delivery-status", report[1].ContentType.MimeType);
        Assert.Equal("text/rfc822-headers", report[2].ContentType.MimeType);

        var groups = Status(dsn).StatusGroups;
        Assert.Equal(3, groups.Count);
        Assert.Equal("dns; mx.example.com", groups[0]["Reporting-MTA"]);
        Assert.Equal("0123456789ABCDEF", groups[0]["X-Maild-Queue-ID"]);
        Assert.Equal(Arrived, Date(groups[0]["Arrival-Date"]));
        Assert.False(groups[0].Contains("Original-Envelope-Id"));

        Assert.Equal("rfc822; bob@example.net", groups[1]["Final-Recipient"]);
        Assert.Equal("rfc822; Bob.Smith@Example.NET", groups[1]["Original-Recipient"]);
        Assert.Equal("failed", groups[1]["Action"]);
        Assert.Equal("5.1.1", groups[1]["Status"]);
        Assert.Equal("dns; mx.example.net", groups[1]["Remote-MTA"]);
        Assert.Equal("smtp; 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown", groups[1]["Diagnostic-Code"]);
        Assert.Equal(Attempted, Date(groups[1]["Last-Attempt-Date"]));
        Assert.False(groups[1].Contains("Will-Retry-Until"));

        Assert.Equal("rfc822; carol@example.net", groups[2]["Final-Recipient"]);
        Assert.False(groups[2].Contains("Original-Recipient"));
        Assert.Equal("smtp; 550 5.7.1 Relaying denied", groups[2]["Diagnostic-Code"]);

        var text = Unwrapped(Assert.IsType<TextPart>(report[0]).Text);
        Assert.StartsWith("This is the mail system at host mx.example.com.", text);
        Assert.Contains("I'm sorry to have to inform you that your message could not", text);
        Assert.Contains("<bob@example.net> (expanded from <Bob.Smith@Example.NET>): host mx.example.net said: 550 5.1.1", text);
        Assert.Contains("<carol@example.net>: host mx.example.net said: 550 5.7.1 Relaying denied", text);
    }

    [Fact]
    public void Delay_says_until_when_it_retries_and_gives_Will_Retry_Until()
    {
        var (dsn, _) = RoundTrip(Request(DsnReturn.Full, Delayed("bob@example.net")), Original);

        Assert.Equal("Delayed Mail (still being retried)", dsn.Subject);
        var group = Status(dsn).StatusGroups[1];
        Assert.Equal("delayed", group["Action"]);
        Assert.Equal("4.4.1", group["Status"]);
        Assert.Equal(RetryUntil, Date(group["Will-Retry-Until"]));

        var text = Unwrapped(Assert.IsType<TextPart>(Report(dsn)[0]).Text);
        Assert.Contains("THIS IS A WARNING ONLY", text);
        Assert.Contains("could not be delivered for 4 hour(s)", text);
        Assert.Contains($"It will be retried until {DateUtils.FormatDate(RetryUntil)}.", text);
        Assert.Contains("<bob@example.net>: host mx.example.net said: 451 4.4.1 Try again later", text);
    }

    [Fact]
    public void Success_reports_delivered_and_relayed_recipients_together()
    {
        var relayed = Delivered("carol@example.net") with { Action = DsnAction.Relayed, RemoteMta = null, Diagnostic = "relayed to a non-DSN host" };

        var (dsn, _) = RoundTrip(Request(null, Delivered("bob@example.net"), relayed), Original);

        Assert.Equal("Successful Mail Delivery Report", dsn.Subject);
        var groups = Status(dsn).StatusGroups;
        Assert.Equal("delivered", groups[1]["Action"]);
        Assert.Equal("2.0.0", groups[1]["Status"]);
        Assert.Equal("smtp; 250 2.0.0 Ok: queued as 4ABC", groups[1]["Diagnostic-Code"]);
        Assert.Equal("relayed", groups[2]["Action"]);
        Assert.False(groups[2].Contains("Remote-MTA"));
        Assert.Equal("X-Maild; relayed to a non-DSN host", groups[2]["Diagnostic-Code"]); // not an SMTP reply

        var text = Unwrapped(Assert.IsType<TextPart>(Report(dsn)[0]).Text);
        Assert.Contains("Your message was successfully delivered", text);
        Assert.Contains("<bob@example.net>: delivery via mx.example.net: 250 2.0.0 Ok", text);
    }

    [Fact]
    public void Envelope_id_is_given_back_when_there_was_one()
    {
        var request = Request(null, Failed("bob@example.net")) with { EnvelopeId = "QQ314159" };

        var (dsn, _) = RoundTrip(request, Original);

        Assert.Equal("QQ314159", Status(dsn).StatusGroups[0]["Original-Envelope-Id"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("<>")]
    public void Never_builds_a_DSN_to_the_null_sender(string recipient)
    {
        var request = Request(null, Failed("bob@example.net")) with { Recipient = recipient };

        Assert.Throws<ArgumentException>(() => DsnBuilder.Build(request, null));
    }

    [Fact]
    public void Refuses_to_mix_failures_and_delays_or_bad_status_codes()
    {
        Assert.Throws<ArgumentException>(() => DsnBuilder.Build(Request(null, Failed("a@x"), Delayed("b@x")), null));
        Assert.Throws<ArgumentException>(() => DsnBuilder.Build(Request(null, Failed("a@x") with { Status = "550" }), null));
        Assert.Throws<ArgumentException>(() => DsnBuilder.Build(Request(null), null));
    }

    // The text part wraps recipient paragraphs as Postfix does, continuation lines indented by four.
    static string Unwrapped(string text) => text.Replace("\r\n", "\n").Replace("\n    ", " ");

    static DateTimeOffset Date(string? value) =>
        value is not null && DateUtils.TryParse(value, out var date) ? date : throw new FormatException(value);
}
