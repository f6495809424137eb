using System.CommandLine;
using Mail.Host.Management;

namespace Mail.Host.Cli;

/// <summary>
/// `maild cluster show|leave|down|down-unreachable|tail`: Petabridge.Cmd's cluster commands,
/// asked of the running node through its management endpoint. Addresses are written as
/// `maild cluster show` prints them ("akka.tcp://maild@127.0.0.1:4053").
/// </summary>
public static class ClusterCommands
{
    public static Command Create()
    {
        var show = new Command("show", "Members with status and roles, the leader, unreachable members, and this node") { ManagementCall.Json };
        show.SetAction((r, ct) => ManagementCall.PrintAsync(r, (c, t) => c.ClusterAsync(t), InspectText.Cluster, InspectionJson.Default.ClusterView, ct));

        var leaveAddress = AddressArgument();
        var leave = new Command("leave", "Make a member leave gracefully (its shards are handed off first)") { leaveAddress, ManagementCall.Json };
        leave.SetAction((r, ct) => ManagementCall.PrintAsync(r, (c, t) => c.ClusterCommandAsync("leave", r.GetValue(leaveAddress)!, t),
            InspectText.ClusterDone, InspectionJson.Default.ClusterCommandDone, ct));

        var downAddress = AddressArgument();
        var down = new Command("down", "Declare a member down (use only for a node that is really gone)") { downAddress, ManagementCall.Json };
        down.SetAction((r, ct) => ManagementCall.PrintAsync(r, (c, t) => c.ClusterCommandAsync("down", r.GetValue(downAddress)!, t),
            InspectText.ClusterDone, InspectionJson.Default.ClusterCommandDone, ct));

        var downUnreachable = new Command("down-unreachable", "Declare every member this node cannot reach down") { ManagementCall.Json };
        downUnreachable.SetAction((r, ct) => ManagementCall.PrintAsync(r, (c, t) => c.DownUnreachableAsync(t),
            InspectText.ClusterDone, InspectionJson.Default.ClusterCommandDone, ct));

        var tail = new Command("tail", "Print membership events as they happen, until Ctrl-C (current members first)") { ManagementCall.Json };
        tail.SetAction((r, ct) => ManagementCall.RunAsync(r, async (client, output) =>
        {
            try
            {
                await foreach (var e in client.TailAsync(ct))
                {
                    await output.WriteAsync(r.GetValue(ManagementCall.Json)
                        ? System.Text.Json.JsonSerializer.Serialize(e, InspectionJson.Default.ClusterEventView) + "\n"
                        : InspectText.ClusterEvent(e));
                    await output.FlushAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C: the normal way out.
            }
        }));

        return new Command("cluster", "Inspect and manage the cluster membership of the running node") { show, leave, down, downUnreachable, tail };
    }

    private static Argument<string> AddressArgument() =>
        new("address") { Description = "The member's address as `maild cluster show` prints it" };
}
