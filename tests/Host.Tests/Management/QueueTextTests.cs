using Mail.Actors.Queue;
using Mail.Host.Management;
using Xunit;

namespace Mail.Host.Tests.Management;

/// The mailq and show layouts, from replies built by hand (no server).
public sealed class QueueTextTests
{
    private static readonly DateTimeOffset Arrival = new(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);

    private static QueuedRecipientView Recipient(string address, string status = RecipientStatus.Scheduled, string? error = null, int attempts = 0, DateTimeOffset? next = null) =>
        new(address, status, attempts, error, next);

    private static QueuedMessageView Message(string id, string hop = "smtp:example.net", long size = 1500, bool held = false, string sender = "alice@example.org", params QueuedRecipientView[] recipients) =>
        new(id, hop, size, Arrival, sender, held, recipients);

    [Fact]
    public void An_empty_queue_says_so_like_mailq()
    {
        Assert.Equal("Mail queue is empty\n", QueueText.Mailq(new QueueListing([]), TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_held_message_is_marked_with_an_exclamation_mark_after_its_id()
    {
        var text = QueueText.Mailq(new QueueListing([Message("0123456789ABCDEF", held: true, recipients: Recipient("bob@example.net"))]), TimeZoneInfo.Utc);

        var lines = text.Split('\n');
        Assert.StartsWith("-Queue ID-", lines[0]);
        Assert.Equal("0123456789ABCDEF!     1500 Tue Mar  4 10:00:00  alice@example.org", lines[1]);
        Assert.Equal(new string(' ', 48) + "bob@example.net  [scheduled]", lines[2]);
        Assert.Equal("-- 2 Kbytes in 1 Request.", lines[^2]);
    }

    [Fact]
    public void A_deferred_recipient_shows_the_reason_above_it_and_when_it_is_tried_next()
    {
        var next = Arrival.AddMinutes(20);
        var listing = new QueueListing([Message("0123456789ABCDEF", recipients:
        [
            Recipient("bob@example.net", RecipientStatus.Deferred, "connect to mx.example.net[192.0.2.1]:25: Connection refused", 3, next),
            Recipient("carol@example.net", RecipientStatus.Deferred, "connect to mx.example.net[192.0.2.1]:25: Connection refused", 3, next),
        ])]);

        var lines = QueueText.Mailq(listing, TimeZoneInfo.Utc).Split('\n');

        Assert.Equal("0123456789ABCDEF      1500 Tue Mar  4 10:00:00  alice@example.org", lines[1]);
        Assert.Equal("  (connect to mx.example.net[192.0.2.1]:25: Connection refused)", lines[2]);
        Assert.EndsWith("bob@example.net  [deferred, 3 attempts, next Tue Mar  4 10:20:00]", lines[3]);
        Assert.EndsWith("carol@example.net  [deferred, 3 attempts, next Tue Mar  4 10:20:00]", lines[4]);
        Assert.Equal("", lines[5]);
    }

    [Fact]
    public void A_message_listed_once_per_hop_is_shown_once_with_every_recipient()
    {
        var listing = new QueueListing(
        [
            Message("AAAAAAAAAAAAAAAA", "smtp:example.net", recipients: Recipient("bob@example.net")),
            Message("BBBBBBBBBBBBBBBB", "local", size: 3000, sender: "", recipients: Recipient("dan@example.org")),
            Message("AAAAAAAAAAAAAAAA", "smtp:example.com", held: true, recipients: Recipient("eve@example.com")),
        ]);

        var text = QueueText.Mailq(listing, TimeZoneInfo.Utc);

        Assert.Single(text.Split('\n'), l => l.StartsWith("AAAAAAAAAAAAAAAA", StringComparison.Ordinal));
        Assert.Contains("AAAAAAAAAAAAAAAA!", text);
        Assert.Contains("bob@example.net", text);
        Assert.Contains("eve@example.com", text);
        Assert.Contains("MAILER-DAEMON", text); // the null sender, as Postfix shows it
        Assert.EndsWith("-- 5 Kbytes in 2 Requests.\n", text);
    }

    [Fact]
    public void Arrival_time_is_shown_in_the_given_time_zone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");
        Assert.Equal("Tue Mar  4 12:00:00", QueueText.ArrivalTime(Arrival, zone));
    }

    [Fact]
    public void Show_lists_envelope_hops_recipients_headers_and_attempts()
    {
        var detail = new QueuedMessageDetail(
            [Message("0123456789ABCDEF", held: true, recipients: Recipient("bob@example.net", RecipientStatus.Deferred, "451 4.7.1 greylisted", 1, Arrival.AddMinutes(5)))],
            "Received: from client\r\nSubject: hello\r\n",
            [new AttemptView(Arrival.AddSeconds(2), "bob@example.net", "deferred", "4.7.1", "mx.example.net[192.0.2.1]:25", "451 4.7.1 greylisted")]);

        var text = QueueText.Show(detail, TimeZoneInfo.Utc);

        Assert.Contains("Queue ID: 0123456789ABCDEF (on hold)\n", text);
        Assert.Contains("Sender:   alice@example.org\n", text);
        Assert.Contains("Hop smtp:example.net (on hold):\n", text);
        Assert.Contains("  bob@example.net  deferred, 1 attempt, next 2025-03-04 10:05:00 +00:00\n    (451 4.7.1 greylisted)\n", text);
        Assert.Contains("Headers:\n  Received: from client\n  Subject: hello\n", text);
        Assert.Contains("2025-03-04 10:00:02 +00:00  to=<bob@example.net>, relay=mx.example.net[192.0.2.1]:25, dsn=4.7.1, status=deferred (451 4.7.1 greylisted)", text);
    }

    [Fact]
    public void Command_results_read_like_postsuper()
    {
        Assert.Equal("Deleted: 1 message\n", QueueText.Done("Deleted", new QueueCommandDone(1)));
        Assert.Equal("Placed on hold: 0 messages\n", QueueText.Done("Placed on hold", new QueueCommandDone(0)));
    }
}
