using System.CommandLine;
using System.Text.Json;
using Mail.Host.Management;

namespace Mail.Host.Cli;

/// <summary>
/// `maild queue list|show|flush|retry|delete|hold|release`: Postfix's mailq, postqueue and
/// postsuper, asked of the running server through its management endpoint (loopback HTTP with
/// the token from the data folder). The text comes from <see cref="QueueText"/>; `--json` prints
/// the endpoint's answer for scripts. Exit codes: 0, 1 (unknown queue id), 69 (no server),
/// 75 (server busy or starting), 77 (token unreadable or refused), 78 (endpoint disabled).
/// </summary>
public static class QueueCommands
{
    private static readonly JsonSerializerOptions Indented = new(ManagementJson.Default.Options) { WriteIndented = true };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the server's answer as JSON" };

        var list = new Command("list", "List the queued messages, like mailq ('!' marks a held message)") { json };
        list.SetAction((r, ct) => RunAsync(r, async c =>
        {
            var listing = await c.ListAsync(ct);
            return r.GetValue(json) ? Json(listing) : QueueText.Mailq(listing, TimeZoneInfo.Local);
        }));

        var showId = IdArgument();
        var show = new Command("show", "Show one message: envelope, hops, recipients, headers, delivery attempts") { showId, json };
        show.SetAction((r, ct) => RunAsync(r, async c =>
        {
            var detail = await c.ShowAsync(r.GetValue(showId)!, ct);
            return r.GetValue(json) ? Json(detail) : QueueText.Show(detail, TimeZoneInfo.Local);
        }));

        var flush = new Command("flush", "Retry every deferred recipient now (postqueue -f)");
        flush.SetAction((r, ct) => RunAsync(r, async c => QueueText.Done("Flushed", await c.FlushAsync(ct))));

        var retryId = IdArgument();
        var retry = new Command("retry", "Retry one message's deferred recipients now (postqueue -i)") { retryId };
        retry.SetAction((r, ct) => RunAsync(r, async c => QueueText.Done("Scheduled for retry", await c.RetryAsync(r.GetValue(retryId)!, ct))));

        var deleteId = new Argument<string?>("queue-id") { Description = "The message's queue id", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Delete every queued message" };
        var delete = new Command("delete", "Delete a message (or --all) without bouncing it (postsuper -d)") { deleteId, all };
        delete.Validators.Add(v =>
        {
            if ((v.GetValue(deleteId) is null) == !v.GetValue(all))
                v.AddError("give either a queue id or --all");
        });
        delete.SetAction((r, ct) => RunAsync(r, async c => QueueText.Done("Deleted", await c.DeleteAsync(r.GetValue(all) ? null : r.GetValue(deleteId), ct))));

        var holdId = IdArgument();
        var hold = new Command("hold", "Keep a message from being delivered until released (postsuper -h)") { holdId };
        hold.SetAction((r, ct) => RunAsync(r, async c => QueueText.Done("Placed on hold", await c.HoldAsync(r.GetValue(holdId)!, ct))));

        var releaseId = IdArgument();
        var release = new Command("release", "Release a held message and deliver it now (postsuper -H)") { releaseId };
        release.SetAction((r, ct) => RunAsync(r, async c => QueueText.Done("Released from hold", await c.ReleaseAsync(r.GetValue(releaseId)!, ct))));

        return new Command("queue", "Inspect and manage the mail queue of the running server") { list, show, flush, retry, delete, hold, release };
    }

    private static Argument<string> IdArgument() => new("queue-id") { Description = "The message's queue id (as in `maild queue list`)" };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Indented.GetTypeInfo(typeof(T))) + "\n";

    /// Connects with the configuration's endpoint and token, prints what the call returns, and
    /// turns a <see cref="ManagementException"/> into one line on stderr and its exit code.
    private static async Task<int> RunAsync(ParseResult result, Func<ManagementClient, Task<string>> call)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        var (_, settings) = CommonOptions.Load(result);
        try
        {
            using var client = ManagementClient.Connect(settings.Management);
            await output.WriteAsync(await call(client));
            return 0;
        }
        catch (ManagementException e)
        {
            await error.WriteLineAsync($"maild: {e.Message}");
            return e.ExitCode;
        }
    }
}
