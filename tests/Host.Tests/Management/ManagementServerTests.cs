using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Akka.Actor;
using Mail.Actors.Queue;
using Mail.Host.Configuration;
using Mail.Host.Management;
using Xunit;

namespace Mail.Host.Tests.Management;

/// The endpoint over a real loopback socket: the token check, each route's message, the
/// mapping of replies to status codes.
public sealed class ManagementServerTests(ManagementFixture fixture) : IClassFixture<ManagementFixture>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://{fixture.Server.EndPoint}/") };

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = "")
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Length == 0 ? fixture.Token : token);
        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void It_listens_on_loopback_only()
    {
        Assert.True(IPAddress.IsLoopback(fixture.Server.EndPoint.Address));
        Assert.NotEqual(0, fixture.Server.EndPoint.Port);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token")]
    public async Task A_request_without_the_right_token_is_refused_and_never_reaches_the_queue(string? token)
    {
        fixture.Asked.Clear();

        using var response = await SendAsync(HttpMethod.Get, "queue", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(fixture.Asked);
    }

    [Fact]
    public async Task Basic_authentication_is_not_a_bearer_token()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "queue");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", fixture.Token);

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string, object> Routes => new()
    {
        { "GET", "queue", new ListQueue() },
        { "GET", $"queue/{FakeQueueManager.KnownId}", new ShowQueued(FakeQueueManager.KnownId) },
        { "POST", "queue/flush", new FlushQueue() },
        { "POST", $"queue/{FakeQueueManager.KnownId}/retry", new RetryQueued(FakeQueueManager.KnownId) },
        { "DELETE", $"queue/{FakeQueueManager.KnownId}", new DeleteQueued(FakeQueueManager.KnownId) },
        { "DELETE", "queue", new DeleteQueued(null) },
        { "POST", $"queue/{FakeQueueManager.KnownId}/hold", new HoldQueued(FakeQueueManager.KnownId) },
        { "POST", $"queue/{FakeQueueManager.KnownId}/release", new ReleaseQueued(FakeQueueManager.KnownId) },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_route_asks_its_message(string method, string path, object expected)
    {
        fixture.Asked.Clear();

        using var response = await SendAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(expected, fixture.LastAsked());
    }

    [Fact]
    public async Task The_listing_is_camel_case_json_of_the_reply()
    {
        using var response = await SendAsync(HttpMethod.Get, "queue");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(body);
        var message = json.RootElement.GetProperty("messages")[0];
        Assert.Equal(FakeQueueManager.KnownId, message.GetProperty("queueId").GetString());
        Assert.Equal("deferred", message.GetProperty("recipients")[0].GetProperty("status").GetString());
        var listing = JsonSerializer.Deserialize(body, ManagementJson.Default.QueueListing)!;
        Assert.Equal(FakeQueueManager.Listing.Messages[0].Recipients, listing.Messages[0].Recipients);
    }

    [Fact]
    public async Task Delete_all_reports_how_many_messages_went()
    {
        using var response = await SendAsync(HttpMethod.Delete, "queue");

        var done = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ManagementJson.Default.QueueCommandDone);
        Assert.Equal(new QueueCommandDone(7), done);
    }

    [Theory]
    [InlineData("GET", "queue/NOSUCHID")]
    [InlineData("POST", "queue/NOSUCHID/retry")]
    [InlineData("DELETE", "queue/NOSUCHID")]
    [InlineData("POST", "queue/NOSUCHID/hold")]
    [InlineData("POST", "queue/NOSUCHID/release")]
    public async Task An_unknown_queue_id_is_404(string method, string path)
    {
        using var response = await SendAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ManagementJson.Default.ManagementError);
        Assert.Equal("queue id NOSUCHID not found", error!.Error);
    }

    [Fact]
    public async Task A_failure_of_the_queue_is_500_without_internals()
    {
        using var response = await SendAsync(HttpMethod.Get, $"queue/{FakeQueueManager.FailingId}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("disk on fire", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

/// 503 when the queue does not answer in time, or does not exist yet.
public sealed class ManagementServerUnavailableTests : IAsyncLifetime
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("maild-mgmt-").FullName;
    private readonly ActorSystem _system = ActorSystem.Create("mgmt-503", "akka.loglevel = ERROR");

    private ManagementSettings Settings => new(new ListenAddress(IPAddress.Loopback, 0), Path.Combine(_folder, "management.token"));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _system.Terminate();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    private static async Task<HttpResponseMessage> GetQueueAsync(ManagementServer server, string token)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://{server.EndPoint}/queue");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_queue_that_does_not_answer_in_time_is_503()
    {
        var silent = _system.ActorOf(FakeQueueManager.Props(new(), silent: true));
        await using var server = (await ManagementServer.StartAsync(Settings, silent, TimeSpan.FromMilliseconds(200)))!;

        using var response = await GetQueueAsync(server, ManagementToken.Read(Settings.TokenFile)!);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Before_the_queue_manager_exists_requests_are_503()
    {
        var later = new TaskCompletionSource<IActorRef>();
        await using var server = (await ManagementServer.StartAsync(Settings, later.Task))!;
        var token = ManagementToken.Read(Settings.TokenFile)!;

        using (var response = await GetQueueAsync(server, token))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        later.SetResult(_system.ActorOf(FakeQueueManager.Props(new())));
        using (var response = await GetQueueAsync(server, token))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_port_in_use_stops_the_start_with_one_line()
    {
        var queue = _system.ActorOf(FakeQueueManager.Props(new()));
        await using var first = (await ManagementServer.StartAsync(Settings, queue))!;

        var taken = Settings with { Listen = new ListenAddress(IPAddress.Loopback, first.EndPoint.Port) };
        var e = await Assert.ThrowsAsync<ConfigException>(() => ManagementServer.StartAsync(taken, queue));

        Assert.StartsWith($"cannot listen on 127.0.0.1:{first.EndPoint.Port} (management)", e.Message);
    }

    [Fact]
    public async Task An_empty_listen_setting_starts_nothing()
    {
        var queue = _system.ActorOf(FakeQueueManager.Props(new()));

        Assert.Null(await ManagementServer.StartAsync(Settings with { Listen = null }, queue));
        Assert.False(File.Exists(Settings.TokenFile));
    }
}
