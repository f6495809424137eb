using Akka.Configuration;
using Mail.Actors.Mailbox;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Mailbox;

/// <summary>
/// Group commit, observed at the journal: a burst of appends to one mailbox costs a handful
/// of journal writes, not one per message (a Persist per message is the throughput ceiling).
/// </summary>
public sealed class MailboxGroupCommitSpecs(ITestOutputHelper output)
    : PersistentSpec(output, ConfigurationFactory.ParseString(
        "akka.persistence.journal.sql.class = \"Mail.Actors.Tests.Support.CountingSqlJournal, Actors.Tests\""))
{
    private const string Id = "burst@example.com";

    [Fact]
    public async Task A_burst_of_200_appends_is_written_in_a_few_batches()
    {
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id)); // recovered before counting
        CountingSqlJournal.Reset();

        await Task.WhenAll(Enumerable.Range(1, 200)
            .Select(i => mailbox.AskFor<MessageAppended>(new AppendToMailbox(Id, $"B{i:D4}", $"B{i:D4}.0", 10, Appends.Now))));

        var (writes, events) = CountingSqlJournal.Counts;
        Assert.Equal(202, events); // 200 appends, and the MailboxCreated and DefaultFoldersCreated that come with the first
        Assert.InRange(writes, 1, 10);
    }
}
