using System.Collections.Concurrent;
using Mail.Integration.Tests.Harness;
using MailKit.Net.Smtp;

namespace Mail.Integration.Tests.Resilience;

/// <summary>
/// The promise behind "250 2.0.0 Ok: queued": a message acknowledged before a SIGKILL is in
/// its mailbox after the restart, exactly once. Messages whose send failed may or may not be
/// there (the crash may have hit between commit and reply), but never twice.
/// </summary>
public sealed class CrashRecoveryTests : MaildTestBase
{
    private const int Messages = 200;
    private const int KillAfterAcknowledged = 100;
    private const int Senders = 8;
    private static readonly string[] Users = ["crash0@example.test", "crash1@example.test", "crash2@example.test", "crash3@example.test"];

    [Fact]
    public async Task Every_message_acknowledged_before_SIGKILL_is_present_exactly_once_after_restart()
    {
        var server = await StartServerAsync();
        foreach (var user in Users)
            await server.AddUserAsync(user, "secret");
        var run = Guid.NewGuid().ToString("N")[..8];
        string MessageId(int i) => $"crash-{i}-{run}@client.example.test";
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var failed = new ConcurrentDictionary<string, string>();
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var next = -1;

        async Task SenderAsync()
        {
            SmtpClient? client = null;
            try
            {
                for (var i = Interlocked.Increment(ref next); i < Messages; i = Interlocked.Increment(ref next))
                {
                    var message = MailKitClients.NewMessage("s@remote.test", Users[i % Users.Length], $"crash {i}", $"body {i}", MessageId(i));
                    try
                    {
                        client ??= await MailKitClients.ConnectSmtpAsync(server.SmtpPort);
                        await client.SendAsync(message);
                        acknowledged[MessageId(i)] = true;
                        if (acknowledged.Count >= KillAfterAcknowledged)
                            halfway.TrySetResult();
                    }
                    catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
                    {
                        failed[MessageId(i)] = e.GetType().Name + ": " + e.Message;
                        client?.Dispose();
                        client = null;
                    }
                }
            }
            finally
            {
                client?.Dispose();
            }
        }

        var senders = Enumerable.Range(0, Senders).Select(_ => Task.Run(SenderAsync, Ct)).ToArray();
        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(120), Ct);
        server.Kill9();
        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(120), Ct);

        Assert.Equal(Messages, acknowledged.Count + failed.Count);
        Assert.NotEmpty(failed); // the kill really interrupted the sending
        await server.RestartAsync();
        var present = new List<string>();
        foreach (var user in Users)
            present.AddRange((await MailKitClients.FetchAllAsync(server.Pop3Port, user, "secret")).Select(m => m.MessageId ?? "(none)"));

        var duplicates = present.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "delivered twice: " + string.Join(", ", duplicates));
        var lost = acknowledged.Keys.Except(present).ToList();
        Assert.True(lost.Count == 0, $"acknowledged with 250 but lost: {string.Join(", ", lost)}");
        var unknown = present.Except(acknowledged.Keys).Except(failed.Keys).ToList();
        Assert.Empty(unknown);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"acknowledged {acknowledged.Count}, failed {failed.Count} (of which present after restart: {present.Count - acknowledged.Count})");
    }
}
