using Mail.Protocols.Imap;
using MailKit;
using Xunit;
using MessageSummary = Mail.Protocols.Imap.MessageSummary;

namespace Mail.Protocols.Tests.Imap.Message;

public class RandomMessageProperties
{
    private const int Count = 1000;

    [Fact]
    public void A_thousand_random_messages_never_throw_and_give_consistent_summaries()
    {
        var summaries = new List<MessageSummary>(Count);
        for (var seed = 0; seed < Count; seed++)
        {
            var raw = new RandomMessageGenerator(seed).Next();
            var summary = MessageSummary.Create(raw);
            summaries.Add(summary);

            Assert.True(summary.Size == raw.Length, $"seed {seed}");
            Assert.InRange(summary.HeaderLength, 0, summary.Size);
            foreach (var part in summary.Parts)
            {
                Assert.True(0 <= part.HeaderStart && part.HeaderStart <= part.BodyStart && part.BodyStart <= part.End && part.End <= summary.Size, $"seed {seed} part {string.Join('.', part.Path)}");
                Assert.InRange(part.MessageBodyStart, part.BodyStart, part.End);
                foreach (var kind in Enum.GetValues<SectionKind>())
                    _ = BodySectionReader.Read(raw, summary, new BodySectionSpec(part.Path, kind, ["From"]));
                _ = BodySectionReader.BinarySize(raw, summary, part.Path);
            }
            foreach (var kind in Enum.GetValues<SectionKind>())
                _ = BodySectionReader.Read(raw, summary, new BodySectionSpec([], kind, ["Subject"]));
            Assert.Equal(summary.Serialize(), MessageSummary.Deserialize(summary.Serialize()).Serialize());
            _ = MessageText.Extract(new MemoryStream(raw), headersToo: true);
            _ = MessageText.Header(new MemoryStream(raw), "X-Whatever");
        }

        // Every rendered ENVELOPE and BODYSTRUCTURE must be readable by a real client.
        var fetched = FakeImapServer.Fetch(summaries, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure);
        Assert.Equal(Count, fetched.Count);
        Assert.All(fetched, f => Assert.NotNull(f.Body));
        var bodies = FakeImapServer.Fetch(summaries, MessageSummaryItems.UniqueId | MessageSummaryItems.Body);
        Assert.All(bodies, f => Assert.NotNull(f.Body));
    }
}
