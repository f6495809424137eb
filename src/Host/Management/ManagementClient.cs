using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization.Metadata;
using Mail.Actors.Queue;

namespace Mail.Host.Management;

/// A failure the CLI reports as one line with a sysexits.h exit code.
public sealed class ManagementException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>
/// The CLI's side of the management endpoint: the address and token file come from the same
/// configuration the server reads (--config, environment), so `maild queue list` needs no
/// arguments on the server's machine. Every failure is a <see cref="ManagementException"/>:
/// 69 (EX_UNAVAILABLE) when nothing answers, 1 for an unknown queue id, 75 (EX_TEMPFAIL) when
/// the server is busy or starting, 77 (EX_NOPERM) when the token cannot be read or is refused,
/// 78 (EX_CONFIG) when the endpoint is disabled.
/// </summary>
public sealed partial class ManagementClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _where;

    public ManagementClient(IPEndPoint endPoint, string token, HttpMessageHandler? handler = null)
    {
        _where = endPoint.ToString();
        _http = new HttpClient(handler ?? new SocketsHttpHandler { UseProxy = false }, disposeHandler: true)
        {
            BaseAddress = new Uri($"http://{_where}/"),
            Timeout = ManagementServer.DefaultAskTimeout + TimeSpan.FromSeconds(5), // the server answers 503 first
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// A client for the endpoint configured in <paramref name="settings"/>, with its token.
    public static ManagementClient Connect(ManagementSettings settings)
    {
        if (settings.Listen is not { } listen)
            throw new ManagementException(78, "the management endpoint is disabled (maild.management.listen = \"\")");
        string? token;
        try
        {
            token = ManagementToken.Read(settings.TokenFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // A server that never started has no token yet.
            throw Unreachable(listen.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManagementException(77, $"cannot read the management token {settings.TokenFile} (run as the user maild runs as): {e.Message}");
        }
        return new ManagementClient(listen.EndPoint, token ?? throw new ManagementException(77, $"the management token file {settings.TokenFile} is empty"));
    }

    public Task<QueueListing> ListAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "queue", null, ManagementJson.Default.QueueListing, ct);

    public Task<QueuedMessageDetail> ShowAsync(string id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"queue/{Uri.EscapeDataString(id)}", id, ManagementJson.Default.QueuedMessageDetail, ct);

    public Task<QueueCommandDone> FlushAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "queue/flush", null, ManagementJson.Default.QueueCommandDone, ct);

    public Task<QueueCommandDone> RetryAsync(string id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"queue/{Uri.EscapeDataString(id)}/retry", id, ManagementJson.Default.QueueCommandDone, ct);

    /// <param name="id">null deletes every message.</param>
    public Task<QueueCommandDone> DeleteAsync(string? id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, id is null ? "queue" : $"queue/{Uri.EscapeDataString(id)}", id, ManagementJson.Default.QueueCommandDone, ct);

    public Task<QueueCommandDone> HoldAsync(string id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"queue/{Uri.EscapeDataString(id)}/hold", id, ManagementJson.Default.QueueCommandDone, ct);

    public Task<QueueCommandDone> ReleaseAsync(string id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"queue/{Uri.EscapeDataString(id)}/release", id, ManagementJson.Default.QueueCommandDone, ct);

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string? id, JsonTypeInfo<T> type, CancellationToken ct)
    {
        HttpResponseMessage response;
        using var request = new HttpRequestMessage(method, path);
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError is HttpRequestError.ConnectionError)
        {
            throw Unreachable(_where);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ManagementException(75, $"the management endpoint at {_where} did not answer within {_http.Timeout.TotalSeconds:0}s");
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
                return await response.Content.ReadFromJsonAsync(type, ct)
                    ?? throw new ManagementException(70, $"empty answer from the management endpoint at {_where}");
            var error = await ReadErrorAsync(response, ct);
            throw response.StatusCode switch
            {
                HttpStatusCode.NotFound when id is not null => new ManagementException(1, $"queue id {id} not found"),
                HttpStatusCode.NotFound => new ManagementException(1, error),
                HttpStatusCode.Unauthorized => new ManagementException(77, $"the management endpoint at {_where} refused the token (was the token file replaced? restart maild)"),
                HttpStatusCode.ServiceUnavailable => new ManagementException(75, error),
                _ => new ManagementException(70, $"the management endpoint at {_where} answered {(int)response.StatusCode}: {error}"),
            };
        }
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync(ManagementJson.Default.ManagementError, ct))?.Error ?? response.ReasonPhrase ?? "";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            return response.ReasonPhrase ?? "";
        }
    }

    private static ManagementException Unreachable(string where) =>
        new(69, $"cannot reach the management endpoint at {where} (is maild serve running?)");
}
