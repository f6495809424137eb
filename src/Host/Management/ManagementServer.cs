using System.Net;
using Akka.Actor;
using Mail.Actors.Queue;
using Mail.Host.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mail.Host.Management;

/// <summary>
/// The management endpoint: HTTP/1.1 on a loopback address, JSON in camelCase, every request
/// but GET /metrics authenticated by the bearer token of <see cref="ManagementToken"/>. Each route asks the
/// QueueManager one message of its admin contract (QueueAdminMessages.cs) and maps the reply:
/// <see cref="QueueIdUnknown"/> is 404, no answer within the ask timeout (or a server still
/// starting) is 503. It is bound before the actor system starts, so a port in use stops
/// `maild serve` at once with one line, like the mail listeners.
/// </summary>
public sealed class ManagementServer : IAsyncDisposable
{
    public static readonly TimeSpan DefaultAskTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;

    private ManagementServer(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        EndPoint = endPoint;
    }

    /// Where it actually listens (the port is the kernel's choice when 0 was asked for).
    public IPEndPoint EndPoint { get; }

    /// Starts the endpoint, or returns null when `maild.management.listen` is "".
    /// <param name="queueManager">Completes once the QueueManager exists; until then requests get 503.</param>
    /// <param name="inspection">Completes once the actor system runs; until then the inspection routes get 503.</param>
    public static async Task<ManagementServer?> StartAsync(ManagementSettings settings, Task<IActorRef> queueManager, TimeSpan? askTimeout = null, Task<InspectionTargets>? inspection = null)
    {
        if (settings.Listen is not { } listen)
            return null;
        if (!IPAddress.IsLoopback(listen.Address))
            throw new ConfigException($"maild.management.listen: '{listen}' is not a loopback address");
        var token = ManagementToken.EnsureAndRead(settings.TokenFile);

        // The empty builder reads no ASPNETCORE_* variables or appsettings.json: nothing can add
        // a binding or a logger behind the admin's back.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "maild-management" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024; // no route reads a body
            kestrel.Listen(listen.EndPoint, o => o.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddRoutingCore();
        // maild's own host handles SIGTERM; this one is stopped by DisposeAsync.
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        var app = builder.Build();
        // GET /metrics needs no token: the endpoint is loopback only (checked above), the answer is
        // counts without addresses or names, and a Prometheus agent on this host needs no secret file.
        app.Use((context, next) => IsMetrics(context.Request) || ManagementToken.Matches(token, BearerToken(context.Request))
            ? next(context)
            : Error(StatusCodes.Status401Unauthorized, "missing or wrong bearer token").ExecuteAsync(context));
        new QueueRoutes(queueManager, askTimeout ?? DefaultAskTimeout).Map(app);
        new InspectionRoutes(inspection ?? new TaskCompletionSource<InspectionTargets>().Task, askTimeout ?? DefaultAskTimeout).Map(app);

        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new ConfigException($"cannot listen on {listen} (management): {e.InnerException?.Message ?? e.Message}");
        }
        var bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(bound);
        return new ManagementServer(app, new IPEndPoint(listen.Address, uri.Port));
    }

    /// Overload for a QueueManager that already exists.
    public static Task<ManagementServer?> StartAsync(ManagementSettings settings, IActorRef queueManager, TimeSpan? askTimeout = null) =>
        StartAsync(settings, Task.FromResult(queueManager), askTimeout);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TimeSpan.FromSeconds(5));
        await _app.DisposeAsync();
    }

    internal static IResult Error(int status, string message) =>
        Results.Json(new ManagementError(message), ManagementJson.Default.ManagementError, statusCode: status);

    private static bool IsMetrics(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Equals("/metrics", StringComparison.Ordinal);

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
