using System.Text.Json;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Mail.Actors.Metrics;
using Mail.Actors.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mail.Host.Management;

/// <summary>
/// The live inspection routes (Petabridge.Cmd's job): GET /cluster, POST /cluster/leave|down
/// (?address=...), POST /cluster/down-unreachable, GET /cluster/tail (newline-delimited JSON,
/// chunked, until the client hangs up), GET /actors?path=&amp;depth=, GET /shards, GET /sessions,
/// GET /mailbox/{user}, GET /stats and GET /metrics (Prometheus text). Until the actor system
/// runs, every one answers 503. Answers are read from this node; cluster-wide ones
/// (members, shards) as this node sees them.
/// </summary>
public sealed class InspectionRoutes(Task<InspectionTargets> targets, TimeSpan askTimeout)
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);
    private readonly MailRates _rates = new();

    public void Map(WebApplication app)
    {
        var timer = new Timer(_ => _rates.Record(MailMetrics.Snapshot()), null, TimeSpan.Zero, SampleEvery);
        app.Lifetime.ApplicationStopping.Register(() => timer.Dispose());

        app.MapGet("/cluster", () => With(t => Json(ClusterInspector.View(t.System), InspectionJson.Default.ClusterView)));
        app.MapPost("/cluster/leave", (string address) => With(t => OnMember(t, address, ClusterInspector.Leave)));
        app.MapPost("/cluster/down", (string address) => With(t => OnMember(t, address, ClusterInspector.Down)));
        app.MapPost("/cluster/down-unreachable", () => With(t => Json(ClusterInspector.DownUnreachable(t.System), InspectionJson.Default.ClusterCommandDone)));
        app.MapGet("/cluster/tail", TailAsync);
        app.MapGet("/actors", (string? path, int? depth) => With(t =>
        {
            var tree = ActorWalker.Walk(t.System, path ?? "/", Math.Clamp(depth ?? ActorWalker.DefaultDepth, 0, 20));
            return tree is null
                ? ManagementServer.Error(StatusCodes.Status404NotFound, $"no actor at {path}")
                : Json(tree, InspectionJson.Default.ActorTree);
        }));
        app.MapGet("/shards", () => WithAsync(async t => Json(await ShardInspector.ShardsAsync(t.System, askTimeout), InspectionJson.Default.ShardsView)));
        app.MapGet("/sessions", () => WithAsync(async t => Json(new SessionsView(DateTimeOffset.UtcNow, await SessionsAsync(t)), InspectionJson.Default.SessionsView)));
        app.MapGet("/mailbox/{user}", (string user) => WithAsync(async t => await ShardInspector.MailboxAsync(t, user, askTimeout) is { } view
            ? Json(view, InspectionJson.Default.MailboxView)
            : ManagementServer.Error(StatusCodes.Status404NotFound, $"no mailbox for {user}")));
        app.MapGet("/stats", () => Json(_rates.Stats(MailMetrics.Snapshot(), MailMetrics.Since), InspectionJson.Default.StatsView));
        app.MapGet("/metrics", () => WithAsync(async t => Results.Text(
            PrometheusText.Write(MailMetrics.All.Select(c => (c.Name, c.Help, c.Value)).ToArray(), await GaugesAsync(t)),
            PrometheusText.ContentType)));
    }

    private async Task<IReadOnlyList<SessionInfo>> SessionsAsync(InspectionTargets t)
    {
        // A session that ends while asked simply drops out of the list.
        var asks = ActorWalker.Sessions(t.System).Select(async s =>
        {
            try
            {
                return await s.Ask<SessionInfo>(GetSessionInfo.Instance, TimeSpan.FromSeconds(2));
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                return null;
            }
        });
        return (await Task.WhenAll(asks)).OfType<SessionInfo>().OrderBy(s => s.Since).ToArray();
    }

    /// Sessions by protocol, queued messages, awake mailboxes: what a dashboard plots next to the counters.
    private async Task<IReadOnlyList<Gauge>> GaugesAsync(InspectionTargets t)
    {
        var sessions = ActorWalker.SessionCounts(t.System)
            .Select(kv => new GaugeSample(new Dictionary<string, string> { ["service"] = kv.Key }, kv.Value)).ToArray();
        var queue = await t.QueueManager.Ask<QueueListing>(new ListQueue(), askTimeout);
        var region = await t.Mailboxes.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, askTimeout);
        return
        [
            new Gauge("sessions", "Open client connections by listener service", sessions),
            new Gauge("queue_messages", "Messages in the queue of the whole cluster (held ones included)",
                [new GaugeSample(new Dictionary<string, string>(), QueueText.Merge(queue.Messages).Count)]),
            new Gauge("queue_recipients", "Recipients in the queue of the whole cluster not delivered yet",
                [new GaugeSample(new Dictionary<string, string>(), queue.Messages.Sum(m => m.Recipients.Count))]),
            new Gauge("mailbox_entities", "Mailbox actors awake on this node",
                [new GaugeSample(new Dictionary<string, string>(), region.Shards.Sum(s => s.EntityIds.Count))]),
        ];
    }

    private static IResult OnMember(InspectionTargets t, string address, Func<ActorSystem, Address, ClusterCommandDone> command) =>
        ClusterInspector.Member(t.System, address) is { } member
            ? Json(command(t.System, member), InspectionJson.Default.ClusterCommandDone)
            : ManagementServer.Error(StatusCodes.Status404NotFound, $"{address} is no member of this cluster");

    /// Streams one JSON line per membership event; the response ends when the client goes away.
    private async Task TailAsync(HttpContext context)
    {
        if (!targets.IsCompletedSuccessfully)
        {
            await Starting().ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "application/x-ndjson";
        var ct = context.RequestAborted;
        await context.Response.StartAsync(ct);
        try
        {
            await foreach (var e in ClusterInspector.TailAsync(targets.Result.System, ct))
            {
                await context.Response.WriteAsync(JsonSerializer.Serialize(e, InspectionJson.Default.ClusterEventView) + "\n", ct);
                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The admin pressed Ctrl-C.
        }
    }

    private IResult With(Func<InspectionTargets, IResult> route) =>
        targets.IsCompletedSuccessfully ? route(targets.Result) : Starting();

    private async Task<IResult> WithAsync(Func<InspectionTargets, Task<IResult>> route)
    {
        if (!targets.IsCompletedSuccessfully)
            return Starting();
        try
        {
            return await route(targets.Result);
        }
        catch (AskTimeoutException)
        {
            return ManagementServer.Error(StatusCodes.Status503ServiceUnavailable, $"no answer within {askTimeout.TotalSeconds:0}s");
        }
    }

    private static IResult Starting() =>
        ManagementServer.Error(StatusCodes.Status503ServiceUnavailable, "maild is starting; try again in a moment");

    private static IResult Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => Results.Json(value, type);
}
