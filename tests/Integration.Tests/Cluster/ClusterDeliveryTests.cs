namespace Mail.Integration.Tests.Cluster;

/// Mail through HAProxy lands once in the right mailbox, whichever node took it or serves IMAP.
public sealed class ClusterDeliveryTests(LocalCluster cluster) : ClusterTestBase(cluster)
{
    [Fact]
    public async Task A_thousand_messages_to_fifty_users_through_haproxy_are_each_read_once_over_imap()
    {
        await ReadyAsync();
        var run = ClusterMail.Batch(RunTag("delivery"), 1000);

        var outcome = await ClusterMail.SendAsync("127.0.0.1", Cluster.FrontSmtpPort, run, ct: Ct);
        Log($"sent {outcome.Accepted.Count} of {run.Count} in {outcome.Elapsed.TotalSeconds:F1}s ({outcome.Accepted.Count / outcome.Elapsed.TotalSeconds:F0}/s)");
        foreach (var error in outcome.Errors)
            Log("failed: " + error);

        Assert.Equal(0, outcome.Failed);
        Assert.Equal(run.Count, outcome.Accepted.Count);
        var found = await ClusterMail.VerifyAsync(Cluster.FrontImapPort, run, outcome.Accepted, Ct);
        Assert.Equal(run.Count, found);
    }

    [Fact]
    public async Task Idle_on_node_one_sees_a_message_delivered_through_node_two()
    {
        await ReadyAsync();
        var user = LocalCluster.User(7);
        using var client = new MailKit.Net.Imap.ImapClient { Timeout = 60_000 };
        await client.ConnectAsync(LocalCluster.NodeAddress(1), 2143, MailKit.Security.SecureSocketOptions.None, Ct);
        await client.AuthenticateAsync(user, LocalCluster.Password, Ct);
        var inbox = client.Inbox;
        await inbox.OpenAsync(MailKit.FolderAccess.ReadOnly, Ct);
        var before = inbox.Count;
        var arrived = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        inbox.CountChanged += (_, _) => arrived.TrySetResult(inbox.Count);
        using var done = new CancellationTokenSource();
        var idle = client.IdleAsync(done.Token, Ct);
        await Task.Delay(300, Ct);

        var message = ClusterMail.Batch(RunTag("idle"), 1)[0] with { To = user };
        var sent = await ClusterMail.SendAsync(LocalCluster.NodeAddress(2), 2525, [message], clients: 1, ct: Ct);
        Assert.Contains(message.MessageId, sent.Accepted);

        var count = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        done.Cancel();
        await idle;
        Assert.Equal(before + 1, count);
        await client.DisconnectAsync(true, Ct);
    }
}
