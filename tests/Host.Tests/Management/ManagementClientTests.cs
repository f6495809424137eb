using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Mail.Actors.Queue;
using Mail.Host.Cli;
using Mail.Host.Configuration;
using Mail.Host.Management;
using Xunit;

namespace Mail.Host.Tests.Management;

/// The CLI's side: ManagementClient against the real endpoint, and `maild queue ...` parsed and
/// run as the executable does, with its output and exit code.
public sealed class ManagementClientTests(ManagementFixture fixture) : IClassFixture<ManagementFixture>
{
    private static readonly RootCommand Root = new() { CommonOptions.Config, QueueCommands.Create() };
    private static readonly Lock RootLock = new();

    private ManagementClient Client() => new(fixture.Server.EndPoint, fixture.Token);

    /// A loopback port nobody listens on.
    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(int port, params string[] args)
    {
        var config = Path.Combine(fixture.Folder, $"{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(config, $"""
            maild.data-dir = "{fixture.Folder}"
            maild.management.listen = "127.0.0.1:{port}"
            maild.management.token-file = "{fixture.Settings.TokenFile}"
            """, TestContext.Current.CancellationToken);
        var output = new StringWriter();
        var error = new StringWriter();
        ParseResult parsed;
        lock (RootLock)
            parsed = Root.Parse([.. args, "--config", config]);
        var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_client_reads_the_listing()
    {
        using var client = Client();

        var listing = await client.ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(FakeQueueManager.KnownId, Assert.Single(listing.Messages).QueueId);
    }

    [Fact]
    public async Task An_unknown_id_is_exit_code_1_with_the_id_named()
    {
        using var client = Client();

        var e = await Assert.ThrowsAsync<ManagementException>(() => client.HoldAsync("NOSUCHID", TestContext.Current.CancellationToken));

        Assert.Equal(1, e.ExitCode);
        Assert.Equal("queue id NOSUCHID not found", e.Message);
    }

    [Fact]
    public async Task No_server_is_exit_code_69()
    {
        var port = FreePort();
        using var client = new ManagementClient(new IPEndPoint(IPAddress.Loopback, port), "token");

        var e = await Assert.ThrowsAsync<ManagementException>(() => client.ListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(69, e.ExitCode);
        Assert.Equal($"cannot reach the management endpoint at 127.0.0.1:{port} (is maild serve running?)", e.Message);
    }

    [Fact]
    public async Task A_refused_token_is_exit_code_77()
    {
        using var client = new ManagementClient(fixture.Server.EndPoint, "wrong");

        var e = await Assert.ThrowsAsync<ManagementException>(() => client.FlushAsync(TestContext.Current.CancellationToken));

        Assert.Equal(77, e.ExitCode);
    }

    [Fact]
    public void A_missing_token_file_means_the_server_never_ran()
    {
        var settings = new ManagementSettings(new ListenAddress(IPAddress.Loopback, 9110), Path.Combine(fixture.Folder, "absent", "management.token"));

        Assert.Equal(69, Assert.Throws<ManagementException>(() => ManagementClient.Connect(settings)).ExitCode);
        Assert.Equal(78, Assert.Throws<ManagementException>(() => ManagementClient.Connect(settings with { Listen = null })).ExitCode);
    }

    [Fact]
    public async Task Queue_list_prints_mailq_and_exits_0()
    {
        var (code, output, error) = await RunAsync(fixture.Server.EndPoint.Port, "queue", "list");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains(FakeQueueManager.KnownId, output);
        Assert.Contains("(451 4.7.1 greylisted)", output);
        Assert.EndsWith("-- 2 Kbytes in 1 Request.\n", output);
    }

    [Fact]
    public async Task Queue_list_json_is_the_endpoint_answer()
    {
        var (code, output, _) = await RunAsync(fixture.Server.EndPoint.Port, "queue", "list", "--json");

        Assert.Equal(0, code);
        var listing = System.Text.Json.JsonSerializer.Deserialize(output, ManagementJson.Default.QueueListing)!;
        Assert.Equal(FakeQueueManager.KnownId, listing.Messages[0].QueueId);
    }

    [Fact]
    public async Task Queue_show_of_an_unknown_id_exits_1()
    {
        var (code, output, error) = await RunAsync(fixture.Server.EndPoint.Port, "queue", "show", "NOSUCHID");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("maild: queue id NOSUCHID not found", error.TrimEnd());
    }

    [Fact]
    public async Task Queue_delete_all_asks_for_every_message()
    {
        fixture.Asked.Clear();

        var (code, output, _) = await RunAsync(fixture.Server.EndPoint.Port, "queue", "delete", "--all");

        Assert.Equal(0, code);
        Assert.Equal("Deleted: 7 messages\n", output);
        Assert.Equal(new DeleteQueued(null), fixture.LastAsked());
    }

    [Theory]
    [InlineData("hold", "Placed on hold: 1 message")]
    [InlineData("release", "Released from hold: 1 message")]
    [InlineData("retry", "Scheduled for retry: 1 message")]
    [InlineData("delete", "Deleted: 1 message")]
    public async Task Commands_on_one_message_report_like_postsuper(string verb, string expected)
    {
        var (code, output, _) = await RunAsync(fixture.Server.EndPoint.Port, "queue", verb, FakeQueueManager.KnownId);

        Assert.Equal(0, code);
        Assert.Equal(expected + "\n", output);
    }

    [Fact]
    public async Task Queue_commands_without_a_server_exit_69()
    {
        var port = FreePort();

        var (code, _, error) = await RunAsync(port, "queue", "flush");

        Assert.Equal(69, code);
        Assert.Equal($"maild: cannot reach the management endpoint at 127.0.0.1:{port} (is maild serve running?)", error.TrimEnd());
    }

    [Fact]
    public async Task Delete_needs_an_id_or_all_but_not_both()
    {
        Assert.NotEqual(0, (await RunAsync(fixture.Server.EndPoint.Port, "queue", "delete")).ExitCode);
        Assert.NotEqual(0, (await RunAsync(fixture.Server.EndPoint.Port, "queue", "delete", "X", "--all")).ExitCode);
    }
}
