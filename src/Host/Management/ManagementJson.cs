using System.Text.Json;
using System.Text.Json.Serialization;
using Mail.Actors.Queue;

namespace Mail.Host.Management;

/// The body of every non-2xx answer of the management endpoint.
public sealed record ManagementError(string Error);

/// <summary>
/// The management endpoint's wire format: the queue admin contract's replies as they are, in
/// camelCase. Server and CLI are the same executable, so they never disagree on it; scripts
/// reading `maild queue list --json` see the same shape.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(QueueListing))]
[JsonSerializable(typeof(QueuedMessageDetail))]
[JsonSerializable(typeof(QueueCommandDone))]
[JsonSerializable(typeof(ManagementError))]
public sealed partial class ManagementJson : JsonSerializerContext;
