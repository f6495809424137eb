using System.Globalization;
using Mail.Actors.Metrics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mail.Host.Management;

/// <summary>
/// What the inspection verbs print for people: Spectre.Console tables rendered to a string
/// (no colours, a fixed width), as pure functions of the endpoint's answers and the clock passed
/// in, so the layout is tested without a server or a terminal.
/// </summary>
public static class InspectText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Cluster(ClusterView view)
    {
        var table = new Table().AddColumns("address", "status", "roles", "reachable", "");
        foreach (var m in view.Members)
            table.AddRow(Cell(m.Address), Cell(m.Status), Cell(string.Join(",", m.Roles)), Cell(m.Reachable ? "yes" : "NO"),
                Cell(string.Join(" ", new[] { m.Address == view.Self ? "self" : "", m.Address == view.Leader ? "leader" : "" }.Where(s => s.Length > 0))));
        var head = $"self:        {view.Self}\nleader:      {view.Leader ?? "(none)"}\nunreachable: {(view.Unreachable.Count == 0 ? "none" : string.Join(", ", view.Unreachable))}\n";
        return head + Render(table);
    }

    public static string ClusterEvent(ClusterEventView e) =>
        $"{e.At.ToString("yyyy-MM-dd HH:mm:ss", Invariant)}  {e.Event,-20} {e.Address}{(e.Status.Length > 0 ? $"  ({e.Status})" : "")}\n";

    public static string ClusterDone(ClusterCommandDone done) =>
        done.Addresses.Count == 0 ? $"{done.Command}: no member\n" : string.Concat(done.Addresses.Select(a => $"{done.Command}: {a}\n"));

    /// An indented tree: one line per actor, its class after the name.
    public static string Actors(ActorTree tree)
    {
        var text = new System.Text.StringBuilder();
        foreach (var a in tree.Actors)
        {
            var name = a.Depth == 0 ? a.Path : a.Path[(a.Path.LastIndexOf('/') + 1)..];
            text.Append(new string(' ', a.Depth * 2)).Append(name);
            if (a.Type is { } type)
                text.Append("  [").Append(type).Append(']');
            text.Append('\n');
        }
        if (tree.Truncated)
            text.Append(CultureInfo.InvariantCulture, $"... stopped after {tree.Actors.Count} actors (use --path and --depth)\n");
        return text.ToString();
    }

    public static string Shards(ShardsView view)
    {
        if (view.Regions.Count == 0)
            return "no shard region answered\n";
        var table = new Table().AddColumns("region", "node", "shards", "entities", "busiest shards");
        foreach (var r in view.Regions)
            table.AddRow(Cell(r.Region), Cell(r.Node), Cell(r.Shards.Count.ToString(Invariant)), Cell(r.Entities.ToString(Invariant)),
                Cell(string.Join(" ", r.Shards.OrderByDescending(s => s.Entities).ThenBy(s => s.Id, StringComparer.Ordinal).Take(5).Select(s => $"{s.Id}:{s.Entities}"))));
        return Render(table);
    }

    public static string Sessions(SessionsView view)
    {
        if (view.Sessions.Count == 0)
            return "no open sessions\n";
        var table = new Table().AddColumns("protocol", "client", "user", "state", "tls", "age");
        foreach (var s in view.Sessions)
            table.AddRow(Cell(s.Protocol), Cell(s.Client), Cell(s.User ?? "-"), Cell(s.State), Cell(s.Secure ? "yes" : "no"), Cell(Age(view.At - s.Since)));
        return Render(table) + $"{view.Sessions.Count} session{(view.Sessions.Count == 1 ? "" : "s")}\n";
    }

    public static string Mailbox(MailboxView view)
    {
        var table = new Table().AddColumns("folder", "messages", "unseen", "size");
        foreach (var f in view.Folders)
            table.AddRow(Cell(f.Name + (f.SpecialUse is { } use ? $" ({use})" : "")), Cell(f.Messages.ToString(Invariant)),
                Cell(f.Unseen.ToString(Invariant)), Cell(f.Size.ToString(Invariant)));
        var quota = view.StorageLimit is { } limit ? $"{view.StorageUsed} of {limit} bytes ({100.0 * view.StorageUsed / Math.Max(limit, 1):0.#}%)" : $"{view.StorageUsed} bytes (no quota)";
        return $"mailbox: {view.User}\nnode:    {view.Node ?? "(not awake)"} (shard {view.Shard})\nstorage: {quota}\n" + Render(table)
            + $"{view.Messages} message{(view.Messages == 1 ? "" : "s")} in {view.Folders.Count} folder{(view.Folders.Count == 1 ? "" : "s")}\n";
    }

    public static string Stats(StatsView view)
    {
        var table = new Table().AddColumns("counter", "total", "per second (since start)", "per second (last minute)");
        foreach (var c in view.Counters)
            table.AddRow(Cell(c.Name), Cell(c.Total.ToString(Invariant)), Cell(c.PerSecondSinceStart.ToString("0.###", Invariant)), Cell(c.PerSecondLastMinute.ToString("0.###", Invariant)));
        return $"since {view.Since.ToString("yyyy-MM-dd HH:mm:ss", Invariant)} UTC ({Age(view.At - view.Since)} ago)\n" + Render(table);
    }

    /// "42s", "5m03s", "2h07m", "3d04h".
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
            age = TimeSpan.Zero;
        return age.TotalMinutes < 1 ? $"{(int)age.TotalSeconds}s"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m{age.Seconds:00}s"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours}h{age.Minutes:00}m"
            : $"{(int)age.TotalDays}d{age.Hours:00}h";
    }

    /// A cell shown as given: client text may hold '[' and ']', which Spectre would read as markup.
    private static IRenderable Cell(string text) => new Text(text);

    private static string Render(IRenderable renderable)
    {
        using var writer = new StringWriter(Invariant);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 160;
        console.Write(renderable);
        return writer.ToString();
    }
}
