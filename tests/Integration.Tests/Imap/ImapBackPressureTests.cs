using System.Net.Sockets;
using System.Text;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Imap;

/// <summary>
/// A client that asks for a whole folder and does not read the answer (a stalled phone, or
/// someone trying to make the server buffer gigabytes) holds the server to a bounded queue:
/// FETCH waits for the pump's send queue between batches, and the pump stops reading
/// pipelined commands while their answers pile up.
/// </summary>
public sealed class ImapBackPressureTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private const int Messages = 60;
    private const int MessageSize = 1024 * 1024;

    private MaildServer Server => shared.Server;

    [Fact]
    public async Task Fetch_all_bodies_to_a_client_that_does_not_read_keeps_server_memory_bounded()
    {
        var user = UniqueAddress("stall");
        await Server.AddUserAsync(user, "secret");
        var line = new string('x', 998) + "\r\n";
        var message = "Subject: big\r\n\r\n" + string.Concat(Enumerable.Repeat(line, MessageSize / line.Length));
        await using (var c = await ImapDialog.LoginAsync(Server.ImapPort, user, "secret"))
        {
            for (var i = 0; i < Messages; i++)
            {
                await c.SendRawAsync($"p{i} APPEND INBOX {{{message.Length}+}}\r\n{message}\r\n");
                Assert.StartsWith("OK", (await c.ReadUntilTaggedAsync($"p{i}")).Status);
            }
        }

        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", Server.ImapPort, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"l LOGIN \"{user}\" secret\r\ns SELECT INBOX\r\n"), TestContext.Current.CancellationToken);
        await ReadUntilAsync(stream, "s OK");
        var before = ServerMemory();
        await stream.WriteAsync("f FETCH 1:* BODY.PEEK[]\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken); // the server runs into the full socket and waits
        var stalled = ServerMemory();

        // Unbounded, the server queued every response (60 MB, plus the writer's copy); bounded,
        // it holds one batch and the queue limit.
        Assert.True(stalled - before < 40L * 1024 * 1024, $"server grew by {(stalled - before) / 1024 / 1024} MB while the client did not read");

        var total = await ReadUntilAsync(stream, "f OK FETCH completed");
        Assert.True(total > (long)Messages * message.Length, $"read {total} octets");
    }

    [Fact]
    public async Task Ten_thousand_pipelined_noops_are_answered_in_order()
    {
        var user = UniqueAddress("noops");
        await Server.AddUserAsync(user, "secret");
        await using var c = await ImapDialog.LoginAsync(Server.ImapPort, user, "secret");
        var batch = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
            batch.Append($"n{i} NOOP\r\n");
        await c.SendRawAsync(batch.ToString());
        for (var i = 0; i < 10_000; i++)
            Assert.Equal($"n{i} OK NOOP completed", await c.ReadLineAsync());
    }

    private long ServerMemory()
    {
        var pid = Server.ProcessId ?? throw new InvalidOperationException("server not running");
        var status = File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    // Reads until the text appears; returns the octets read.
    private static async Task<long> ReadUntilAsync(NetworkStream stream, string text)
    {
        var buffer = new byte[1 << 16];
        var tail = "";
        var total = 0L;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0)
                throw new IOException("connection closed");
            total += n;
            tail = (tail + Encoding.ASCII.GetString(buffer, 0, n))[^Math.Min(tail.Length + n, 256)..];
            if (tail.Contains(text, StringComparison.Ordinal))
                return total;
        }
    }
}
