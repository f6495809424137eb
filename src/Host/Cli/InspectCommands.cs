using System.CommandLine;
using Mail.Host.Management;

namespace Mail.Host.Cli;

/// <summary>
/// `maild actors`, `maild shards`, `maild sessions`, `maild mailbox show USER`, `maild stats`
/// and `maild metrics`: read-only looks into the running node through its management endpoint.
/// </summary>
public static class InspectCommands
{
    public static IEnumerable<Command> Create()
    {
        var depth = new Option<int>("--depth", "-d") { Description = "How many levels below --path to show", DefaultValueFactory = _ => ActorWalker.DefaultDepth };
        var path = new Option<string>("--path", "-p") { Description = "Where to start: /user, /system/sharding, /user/listeners ...", DefaultValueFactory = _ => "/" };
        var actors = new Command("actors", "The live actor hierarchy with each actor's class") { depth, path, ManagementCall.Json };
        actors.Validators.Add(v =>
        {
            if (v.GetValue(depth) is < 0 or > 20)
                v.AddError("--depth must be between 0 and 20");
        });
        actors.SetAction((r, ct) => ManagementCall.PrintAsync(r, (c, t) => c.ActorsAsync(r.GetValue(path)!, r.GetValue(depth), t),
            InspectText.Actors, InspectionJson.Default.ActorTree, ct));
        yield return actors;

        var shards = new Command("shards", "Shard regions, their shards and awake entities per node") { ManagementCall.Json };
        shards.SetAction((r, ct) => ManagementCall.PrintAsync(r, (c, t) => c.ShardsAsync(t), InspectText.Shards, InspectionJson.Default.ShardsView, ct));
        yield return shards;

        var sessions = new Command("sessions", "Open SMTP, POP3 and IMAP connections: client, user, state, age") { ManagementCall.Json };
        sessions.SetAction((r, ct) => ManagementCall.PrintAsync(r, (c, t) => c.SessionsAsync(t), InspectText.Sessions, InspectionJson.Default.SessionsView, ct));
        yield return sessions;

        var user = new Argument<string>("user") { Description = "The user's address" };
        var show = new Command("show", "Folders, message counts, size, quota and the node the mailbox lives on") { user, ManagementCall.Json };
        show.SetAction((r, ct) => ManagementCall.PrintAsync(r, (c, t) => c.MailboxAsync(r.GetValue(user)!, t), InspectText.Mailbox, InspectionJson.Default.MailboxView, ct));
        yield return new Command("mailbox", "Inspect a user's mailbox on the running server") { show };

        var stats = new Command("stats", "Messages accepted, delivered, deferred, bounced and RCPTs rejected, with rates") { ManagementCall.Json };
        stats.SetAction((r, ct) => ManagementCall.PrintAsync(r, (c, t) => c.StatsAsync(t), InspectText.Stats, InspectionJson.Default.StatsView, ct));
        yield return stats;

        var metrics = new Command("metrics", "Print the Prometheus text of GET /metrics");
        metrics.SetAction((r, ct) => ManagementCall.RunAsync(r, async (c, output) => await output.WriteAsync(await c.MetricsAsync(ct))));
        yield return metrics;
    }
}
