using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Mail.Host.Management;

// The inspection calls (`maild cluster|actors|shards|sessions|mailbox|stats`), same errors and
// exit codes as the queue's; a 404 (no such member, actor path or user) is exit 1.
public sealed partial class ManagementClient
{
    public Task<ClusterView> ClusterAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "cluster", null, InspectionJson.Default.ClusterView, ct);

    /// <param name="command">"leave" or "down".</param>
    public Task<ClusterCommandDone> ClusterCommandAsync(string command, string address, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"cluster/{command}?address={Uri.EscapeDataString(address)}", null, InspectionJson.Default.ClusterCommandDone, ct);

    public Task<ClusterCommandDone> DownUnreachableAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "cluster/down-unreachable", null, InspectionJson.Default.ClusterCommandDone, ct);

    public Task<ActorTree> ActorsAsync(string path, int depth, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"actors?path={Uri.EscapeDataString(path)}&depth={depth}", null, InspectionJson.Default.ActorTree, ct);

    public Task<ShardsView> ShardsAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "shards", null, InspectionJson.Default.ShardsView, ct);

    public Task<SessionsView> SessionsAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "sessions", null, InspectionJson.Default.SessionsView, ct);

    public Task<MailboxView> MailboxAsync(string user, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"mailbox/{Uri.EscapeDataString(user)}", null, InspectionJson.Default.MailboxView, ct);

    public Task<StatsView> StatsAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "stats", null, InspectionJson.Default.StatsView, ct);

    /// The raw Prometheus text of GET /metrics.
    public async Task<string> MetricsAsync(CancellationToken ct = default)
    {
        using var response = await SendStreamingAsync("metrics", ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// Membership events as the server streams them, until <paramref name="ct"/> is cancelled.
    public async IAsyncEnumerable<ClusterEventView> TailAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        using var response = await SendStreamingAsync("cluster/tail", ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length > 0 && JsonSerializer.Deserialize(line, InspectionJson.Default.ClusterEventView) is { } e)
                yield return e;
        }
    }

    /// GET that returns once the headers are in (the body may never end), with the usual errors.
    private async Task<HttpResponseMessage> SendStreamingAsync(string path, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e) when (e.InnerException is System.Net.Sockets.SocketException || e.HttpRequestError is HttpRequestError.ConnectionError)
        {
            throw Unreachable(_where);
        }
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
        {
            var error = await ReadErrorAsync(response, ct);
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => new ManagementException(77, $"the management endpoint at {_where} refused the token"),
                HttpStatusCode.ServiceUnavailable => new ManagementException(75, error),
                _ => new ManagementException(70, $"the management endpoint at {_where} answered {(int)response.StatusCode}: {error}"),
            };
        }
    }
}
