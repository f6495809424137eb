using Mail.Integration.Tests.Harness;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Mail.Integration.Tests.Cluster;

/// `maild queue ...` on any node covers the queues of every node: each node's region knows
/// only the recipient queues it hosts, so the QueueManager asks the region of every member.
public sealed class ClusterQueueTests(LocalCluster cluster) : ClusterTestBase(cluster)
{
    [Fact]
    public async Task Every_node_lists_a_message_queued_through_another_and_any_node_deletes_it()
    {
        await ReadyAsync();
        var tag = RunTag("queued");
        var recipient = $"{tag}@remote.test";
        using (var smtp = new SmtpClient { Timeout = 60_000 })
        {
            // Straight to node 2 (loopback: a trusted relay client); the topology's DNS answers
            // nothing, so the message waits in the queue of hop remote.test on some node.
            await smtp.ConnectAsync(LocalCluster.NodeAddress(2), 2525, SecureSocketOptions.None, Ct);
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse("sender@example.test"));
            message.To.Add(MailboxAddress.Parse(recipient));
            message.Subject = tag;
            message.Body = new TextPart("plain") { Text = "waits in the queue\r\n" };
            await smtp.SendAsync(message, Ct);
            await smtp.DisconnectAsync(true, Ct);
        }

        for (var node = 1; node <= 3; node++)
            await WaitForQueueAsync(node, listing => listing.Contains(recipient, StringComparison.Ordinal), $"node {node} lists {recipient}");

        var deleted = await Cluster.CliAsync(3, "queue", "delete", "--all");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        for (var node = 1; node <= 3; node++)
            await WaitForQueueAsync(node, listing => !listing.Contains(recipient, StringComparison.Ordinal), $"node {node} no longer lists {recipient}");
    }

    private async Task WaitForQueueAsync(int node, Func<string, bool> until, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        CliResult last;
        do
        {
            last = await Cluster.CliAsync(node, "queue", "list", "--json");
            if (last.ExitCode == 0 && until(last.Stdout))
                return;
            await Task.Delay(500, Ct);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"{what}: not within 30 s; last answer: {last}");
    }
}
