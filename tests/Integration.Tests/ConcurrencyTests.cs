using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests;

/// Many clients at once into a few mailboxes: nothing lost, nothing doubled, UIDs distinct.
public sealed class ConcurrencyTests : MaildTestBase
{
    private const int Senders = 20;
    private const int MessagesPerSender = 25;
    private static readonly string[] Users = ["c0@example.test", "c1@example.test", "c2@example.test", "c3@example.test", "c4@example.test"];

    [Fact]
    public async Task Twenty_parallel_senders_deliver_all_500_messages_to_five_mailboxes_with_unique_UIDLs()
    {
        var server = await StartServerAsync();
        foreach (var user in Users)
            await server.AddUserAsync(user, "secret");
        var run = Guid.NewGuid().ToString("N")[..8];
        var expected = new Dictionary<string, HashSet<string>>();
        foreach (var user in Users)
            expected[user] = [];
        for (var s = 0; s < Senders; s++)
        {
            for (var k = 0; k < MessagesPerSender; k++)
                expected[Users[(s * MessagesPerSender + k) % Users.Length]].Add($"c-{s}-{k}-{run}@client.example.test");
        }

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            using var client = await MailKitClients.ConnectSmtpAsync(server.SmtpPort, Ct);
            for (var k = 0; k < MessagesPerSender; k++)
            {
                var to = Users[(s * MessagesPerSender + k) % Users.Length];
                await client.SendAsync(MailKitClients.NewMessage("s@remote.test", to, $"{s}/{k}", "body", $"c-{s}-{k}-{run}@client.example.test"), Ct);
            }
            await client.DisconnectAsync(quit: true, Ct);
        }, Ct)));

        foreach (var user in Users)
        {
            using var pop = await MailKitClients.ConnectPop3Async(server.Pop3Port, user, "secret");
            var uids = await pop.GetMessageUidsAsync(Ct);
            var ids = (await pop.GetMessagesAsync(0, pop.Count, Ct)).Select(m => m.MessageId ?? "(none)").ToList();
            await pop.DisconnectAsync(quit: true, Ct);

            Assert.Equal(Senders * MessagesPerSender / Users.Length, uids.Count);
            Assert.Equal(uids.Count, uids.Distinct().Count());
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.True(expected[user].SetEquals(ids), $"{user}: Message-IDs differ from what was sent to it");
        }
    }
}
