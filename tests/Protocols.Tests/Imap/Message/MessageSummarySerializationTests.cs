using Mail.Protocols.Imap;
using Xunit;

namespace Mail.Protocols.Tests.Imap.Message;

public class MessageSummarySerializationTests
{
    [Theory]
    [MemberData(nameof(MessageCorpus.Names), MemberType = typeof(MessageCorpus))]
    public void A_summary_survives_the_sidecar_round_trip(string name)
    {
        var summary = MessageSummary.Create(MessageCorpus.Get(name));

        var back = MessageSummary.Deserialize(summary.Serialize());

        Assert.Equal(summary.Size, back.Size);
        Assert.Equal(summary.HeaderLength, back.HeaderLength);
        Assert.Equal(summary.Envelope, back.Envelope);
        Assert.Equal(summary.Body, back.Body);
        Assert.Equal(summary.BodyStructure, back.BodyStructure);
        Assert.Equal(summary.Date, back.Date);
        Assert.Equal(summary.Date?.Offset, back.Date?.Offset);
        Assert.Equal((summary.From, summary.To, summary.Cc, summary.Bcc, summary.Subject, summary.MessageId),
            (back.From, back.To, back.Cc, back.Bcc, back.Subject, back.MessageId));
        Assert.Equal(summary.Parts.Count, back.Parts.Count);
        for (var i = 0; i < summary.Parts.Count; i++)
        {
            var (a, b) = (summary.Parts[i], back.Parts[i]);
            Assert.Equal(a.Path, b.Path);
            Assert.Equal(a with { Path = b.Path }, b);
        }
        Assert.Equal(summary.Serialize(), back.Serialize());
    }

    [Fact]
    public void The_sidecar_is_small()
    {
        var summary = MessageSummary.Create(MessageCorpus.Get("nested"));

        var size = summary.Serialize().Length;

        Assert.True(size < summary.Envelope.Length + summary.Body.Length + summary.BodyStructure.Length + 400, $"{size} bytes");
    }

    [Fact]
    public void Another_version_or_a_truncated_sidecar_is_refused()
    {
        var data = MessageSummary.Create(MessageCorpus.Get("mixed")).Serialize();

        Assert.Throws<InvalidDataException>(() => MessageSummary.Deserialize([]));
        Assert.Throws<InvalidDataException>(() => MessageSummary.Deserialize([99, .. data[1..]]));
        for (var length = 1; length < data.Length; length += 7)
            Assert.Throws<InvalidDataException>(() => MessageSummary.Deserialize(data.AsSpan(0, length)));
    }
}
