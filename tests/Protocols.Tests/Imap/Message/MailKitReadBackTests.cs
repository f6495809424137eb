using MailKit;
using Mail.Protocols.Imap;
using MessageSummary = Mail.Protocols.Imap.MessageSummary;
using MimeKit;
using Xunit;

namespace Mail.Protocols.Tests.Imap.Message;

/// <summary>
/// The corpus's ENVELOPE, BODY and BODYSTRUCTURE go through a loopback socket into MailKit's
/// ImapClient, whose parser must read them back into what MimeKit sees in the raw message.
/// </summary>
public class MailKitReadBackTests
{
    private static readonly (string Name, byte[] Raw)[] Corpus = MessageCorpus.All().ToArray();
    private static readonly MessageSummary[] Summaries = Corpus.Select(c => MessageSummary.Create(c.Raw)).ToArray();

    [Fact]
    public void MailKit_reads_every_envelope_as_MimeKit_parses_the_header()
    {
        var fetched = FakeImapServer.Fetch(Summaries, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure);

        Assert.Equal(Corpus.Length, fetched.Count);
        for (var i = 0; i < Corpus.Length; i++)
        {
            var envelope = fetched[i].Envelope;
            Assert.NotNull(envelope);
            if (TryParse(Corpus[i].Raw) is not { } mime)
                continue;
            var name = Corpus[i].Name;
            Assert.True(mime.Subject == envelope.Subject, $"{name}: subject {envelope.Subject}");
            Assert.Equal(Describe(mime.From), Describe(envelope.From));
            Assert.Equal(Describe(mime.To), Describe(envelope.To));
            Assert.Equal(Describe(mime.Cc), Describe(envelope.Cc));
            Assert.Equal(Describe(mime.Bcc), Describe(envelope.Bcc));
            Assert.Equal(mime.MessageId, envelope.MessageId);
            if (mime.Headers.Contains(HeaderId.Date))
                Assert.Equal(mime.Date, envelope.Date);
            else
                Assert.Null(envelope.Date);
        }
    }

    [Fact]
    public void MailKit_finds_every_part_where_the_summary_put_it()
    {
        var structures = FakeImapServer.Fetch(Summaries, MessageSummaryItems.UniqueId | MessageSummaryItems.BodyStructure);
        var bodies = FakeImapServer.Fetch(Summaries, MessageSummaryItems.UniqueId | MessageSummaryItems.Body);

        for (var i = 0; i < Corpus.Length; i++)
        {
            foreach (var body in new[] { structures[i].Body, bodies[i].Body })
            {
                Assert.NotNull(body);
                var leaves = Leaves(body).ToList();
                Assert.NotEmpty(leaves);
                foreach (var leaf in leaves)
                {
                    // MailKit names the body of a single-part message "", IMAP calls it 1.
                    int[] path = leaf.PartSpecifier.Length == 0 ? [1] : leaf.PartSpecifier.Split('.').Select(int.Parse).ToArray();
                    var part = Summaries[i].FindPart(path);
                    if (part is null)
                    {
                        // Only the placeholder of an empty multipart has no place in the message.
                        Assert.Equal(0u, leaf.Octets);
                        continue;
                    }
                    Assert.Equal((uint)(part.End - part.BodyStart), leaf.Octets);
                    Assert.Equal(part.MimeType, leaf.ContentType.MimeType.ToLowerInvariant());
                }
            }
        }
    }

    [Fact]
    public void MailKit_reads_the_extension_fields_and_the_nested_message()
    {
        var fetched = FakeImapServer.Fetch(
            [MessageSummary.Create(MessageCorpus.Get("mixed")), MessageSummary.Create(MessageCorpus.Get("nested"))],
            MessageSummaryItems.UniqueId | MessageSummaryItems.BodyStructure);

        var attachment = (BodyPartBasic)((BodyPartMultipart)fetched[0].Body!).BodyParts[1];
        Assert.Equal("report.pdf", attachment.FileName);
        Assert.True(attachment.IsAttachment);
        Assert.Equal("<part2@reports.example>", attachment.ContentId);
        Assert.Equal("The report", attachment.ContentDescription);
        Assert.Equal("Q2hlY2sgSW50ZWdyaXR5IQ==", attachment.ContentMd5);
        Assert.Equal(new Uri("http://reports.example/r.pdf"), attachment.ContentLocation);
        var text = (BodyPartText)((BodyPartMultipart)fetched[0].Body!).BodyParts[0];
        Assert.Equal(["en", "de"], text.ContentLanguage!);

        var forwarded = (BodyPartMessage)((BodyPartMultipart)fetched[1].Body!).BodyParts[1];
        Assert.Equal("the original", forwarded.Envelope!.Subject);
        Assert.Equal(17u, forwarded.Lines);
        var inner = (BodyPartMultipart)forwarded.Body!;
        Assert.Equal("alternative", inner.ContentType.MediaSubtype);
        Assert.Equal(["2.1", "2.2"], inner.BodyParts.Select(p => p.PartSpecifier));
    }

    private static IEnumerable<BodyPartBasic> Leaves(BodyPart body) => body switch
    {
        BodyPartMultipart multipart => multipart.BodyParts.SelectMany(Leaves),
        BodyPartMessage message => [message, .. Leaves(message.Body!)],
        BodyPartBasic basic => [basic],
        _ => [],
    };

    private static MimeMessage? TryParse(byte[] raw)
    {
        try
        {
            return MimeMessage.Load(new MemoryStream(raw));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Describe(InternetAddressList list) => string.Join(" | ", list.Select(Describe));

    private static string Describe(InternetAddress address) => address switch
    {
        GroupAddress group => $"group {group.Name} [{string.Join(", ", group.Members.Select(Describe))}]",
        MailboxAddress mailbox => $"{mailbox.Name} <{mailbox.Address}>",
        _ => address.ToString(),
    };
}
