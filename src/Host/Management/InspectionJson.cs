using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mail.Host.Management;

/// The inspection answers' wire format (camelCase, like <see cref="ManagementJson"/>).
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(ClusterView))]
[JsonSerializable(typeof(ClusterEventView))]
[JsonSerializable(typeof(ClusterCommandDone))]
[JsonSerializable(typeof(ActorTree))]
[JsonSerializable(typeof(ShardsView))]
[JsonSerializable(typeof(SessionsView))]
[JsonSerializable(typeof(MailboxView))]
[JsonSerializable(typeof(StatsView))]
public sealed partial class InspectionJson : JsonSerializerContext;
