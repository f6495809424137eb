using System.Net;
using System.Net.Http.Headers;
using Xunit;

namespace Mail.Host.Tests.Management;

/// The inspection routes' token rule and their answer before the actor system runs
/// (the routes themselves are exercised against a real server in Integration.Tests/Cli).
public sealed class InspectionRoutesTests(ManagementFixture fixture) : IClassFixture<ManagementFixture>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://{fixture.Server.EndPoint}/") };

    public void Dispose() => _http.Dispose();

    private async Task<HttpStatusCode> GetAsync(string path, bool withToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (withToken)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("actors")]
    [InlineData("sessions")]
    [InlineData("shards")]
    [InlineData("mailbox/bob@example.test")]
    [InlineData("stats")]
    [InlineData("cluster/tail")]
    public async Task Inspection_needs_the_token(string path) =>
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(path, withToken: false));

    [Theory]
    [InlineData("cluster")]
    [InlineData("actors")]
    [InlineData("sessions")]
    [InlineData("cluster/tail")]
    public async Task Before_the_actor_system_runs_the_answer_is_503(string path) =>
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await GetAsync(path, withToken: true));

    [Fact]
    public async Task Metrics_need_no_token_on_loopback()
    {
        // 503 (starting), not 401: the token check let it through.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await GetAsync("metrics", withToken: false));
    }

    [Fact]
    public async Task Stats_answer_without_the_actor_system()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "stats");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"name\":\"accepted\"", body);
    }
}
