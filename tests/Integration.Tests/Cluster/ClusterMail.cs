using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Cluster;

/// One test message: who it is for and the Message-ID that finds it again.
public sealed record ClusterMessage(string To, string MessageId);

/// What a load reached: the Message-IDs that got 250, and why each of the others failed.
/// <param name="Errors">Why each failed message failed (the client's exception), for the test's log.</param>
public sealed record LoadOutcome(IReadOnlySet<string> Accepted, TimeSpan Elapsed, IReadOnlyList<string> Errors)
{
    public int Failed => Errors.Count;
}

/// <summary>
/// Mail through the cluster with MailKit, as users' programs send and read it: parallel SMTP
/// clients that record which messages got 250 (a client whose node went away reconnects and
/// goes on, the message in flight counts as failed), and IMAP reads of INBOX by Message-ID.
/// </summary>
public static class ClusterMail
{
    /// <paramref name="count"/> messages, round-robin over the collection's users, with
    /// Message-IDs unique to <paramref name="run"/>.
    public static IReadOnlyList<ClusterMessage> Batch(string run, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ClusterMessage(LocalCluster.User(i % LocalCluster.Users + 1), $"{i}.{run}@cluster.test"))];

    /// Sends every message once over <paramref name="clients"/> parallel connections; <paramref name="accepted"/>
    /// (when given) sees each 250 as it happens, so a test can act in the middle of the load.
    public static async Task<LoadOutcome> SendAsync(string host, int port, IReadOnlyList<ClusterMessage> messages, int clients = 10,
        Action<int>? accepted = null, CancellationToken ct = default)
    {
        var ok = new ConcurrentDictionary<string, bool>();
        var errors = new ConcurrentQueue<string>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            SmtpClient? client = null;
            try
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < messages.Count)
                {
                    var m = messages[i];
                    try
                    {
                        client ??= await ConnectAsync(host, port, ct);
                        await client.SendAsync(MailKitClients.NewMessage("load@remote.test", m.To, $"cluster {m.MessageId}", "cluster test\r\n", m.MessageId), ct);
                        ok[m.MessageId] = true;
                        accepted?.Invoke(ok.Count);
                    }
                    catch (Exception e) when (e is IOException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
                        or System.Net.Sockets.SocketException or TimeoutException && !ct.IsCancellationRequested)
                    {
                        // The node behind this connection went away (or refused): this message may
                        // be lost, the next one goes over a new connection HAProxy gives a live node.
                        errors.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {m.MessageId}: {e.GetType().Name}: {e.Message}");
                        client?.Dispose();
                        client = null;
                    }
                }
                if (client is { IsConnected: true })
                    await client.DisconnectAsync(true, ct);
            }
            finally
            {
                client?.Dispose();
            }
        }));
        return new LoadOutcome(ok.Keys.ToHashSet(), watch.Elapsed, [.. errors]);
    }

    /// The Message-IDs in <paramref name="user"/>'s INBOX (duplicates kept: a test looks for them).
    public static async Task<IReadOnlyList<string>> InboxAsync(string host, int port, string user, CancellationToken ct = default)
    {
        using var client = new ImapClient { Timeout = 60_000 };
        await client.ConnectAsync(host, port, SecureSocketOptions.None, ct);
        await client.AuthenticateAsync(user, LocalCluster.Password, ct);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly, ct);
        var ids = client.Inbox.Count == 0
            ? []
            : (await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Envelope, ct)).Select(s => s.Envelope?.MessageId?.Trim('<', '>') ?? "").ToList();
        await client.DisconnectAsync(true, ct);
        return ids;
    }

    /// <summary>
    /// Reads every user's INBOX through <paramref name="port"/> and checks the messages of this run:
    /// each one in <paramref name="mustBeThere"/> is in its user's INBOX exactly once, and no
    /// message of the run is there twice or in another user's INBOX. Returns how many of the
    /// run's messages were found.
    /// </summary>
    public static async Task<int> VerifyAsync(int port, IReadOnlyList<ClusterMessage> run, IReadOnlySet<string> mustBeThere, CancellationToken ct)
    {
        var owner = run.ToDictionary(m => m.MessageId, m => m.To);
        var found = 0;
        var problems = new List<string>();
        await Parallel.ForEachAsync(Enumerable.Range(1, LocalCluster.Users), new ParallelOptions { MaxDegreeOfParallelism = 5, CancellationToken = ct }, async (k, token) =>
        {
            var user = LocalCluster.User(k);
            var ids = (await InboxAsync("127.0.0.1", port, user, token)).Where(owner.ContainsKey).ToList();
            var expected = run.Where(m => m.To == user && mustBeThere.Contains(m.MessageId)).Select(m => m.MessageId).ToHashSet();
            lock (problems)
            {
                found += ids.Count;
                problems.AddRange(ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => $"{user}: {g.Key} {g.Count()} times"));
                problems.AddRange(ids.Where(id => owner[id] != user).Select(id => $"{user}: {id} belongs to {owner[id]}"));
                problems.AddRange(expected.Except(ids).Select(id => $"{user}: {id} got 250 but is missing"));
            }
        });
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems.Take(50)));
        return found;
    }

    private static async Task<SmtpClient> ConnectAsync(string host, int port, CancellationToken ct)
    {
        // Longer than the server's commit timeout (60 s), as RFC 5321 4.5.3.2 asks of clients
        // (10 minutes for the end of DATA): a commit that stalls while shards move or a starved
        // CI machine catches up ends in the server's own 250 or 451, not in a client timeout.
        var client = new SmtpClient { LocalDomain = "client.example.test", Timeout = 90_000 };
        try
        {
            await client.ConnectAsync(host, port, SecureSocketOptions.None, ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
