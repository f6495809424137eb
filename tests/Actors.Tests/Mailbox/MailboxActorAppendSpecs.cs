using Akka.Actor;
using Mail.Actors.Mailbox;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Mailbox;

/// Appends against a real SQLite journal: group commit, ack contents, idempotency.
public sealed class MailboxActorAppendSpecs(ITestOutputHelper output) : PersistentSpec(output)
{
    private const string Id = "bob@example.com";

    private static AppendToMailbox Append(string queueId, long size = 100) =>
        new(Id, queueId, queueId + ".0", size, Appends.Now);

    [Fact]
    public async Task Many_concurrent_appends_are_all_acked_with_distinct_ascending_uids()
    {
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        const int n = 200;

        var acks = await Task.WhenAll(Enumerable.Range(1, n)
            .Select(i => mailbox.AskFor<MessageAppended>(Append($"Q{i:D4}", i))));

        // Tell order from one sender is mailbox order, so UIDs follow the order of the asks.
        Assert.Equal(Enumerable.Range(1, n).Select(i => (long)i), acks.Select(a => a.Uid));
        Assert.Equal(Enumerable.Range(1, n).Select(i => $"Q{i:D4}"), acks.Select(a => a.QueueId));
        Assert.All(acks, a => Assert.Equal(a.QueueId + ".0", a.BlobId));
        var status = await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id));
        Assert.Equal((n, (long)n * (n + 1) / 2, n + 1L), (status.Count, status.TotalSize, status.NextUid));
        Assert.NotEqual(0, status.UidValidity);
    }

    [Fact]
    public async Task Duplicate_queue_id_gets_the_same_uid_and_no_second_message()
    {
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));

        var first = await mailbox.AskFor<MessageAppended>(Append("QDUP", 500));
        var again = await mailbox.AskFor<MessageAppended>(Append("QDUP", 500));
        var other = await mailbox.AskFor<MessageAppended>(Append("QOTHER", 10));

        Assert.Equal(first.Uid, again.Uid);
        Assert.Equal(first.Uid + 1, other.Uid);
        var status = await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id));
        Assert.Equal((2, 510L), (status.Count, status.TotalSize));
    }

    [Fact]
    public async Task Duplicates_inside_one_concurrent_burst_are_appended_once()
    {
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));

        var acks = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => mailbox.AskFor<MessageAppended>(Append($"Q{i % 10}"))));

        Assert.Equal(10, acks.Select(a => a.Uid).Distinct().Count());
        Assert.All(acks.GroupBy(a => a.QueueId), g => Assert.Single(g.Select(a => a.Uid).Distinct()));
        var status = await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id));
        Assert.Equal(10, status.Count);
    }

    [Fact]
    public async Task A_new_mailbox_reports_no_messages_and_no_uidvalidity_yet()
    {
        var mailbox = Sys.ActorOf(MailboxActor.Props("nobody@example.com", Blobs));

        var status = await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus("nobody@example.com"));

        Assert.Equal(new MailboxStatus("nobody@example.com", 0, 1, 0, 0), status);
    }
}
