using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mail.Host.Management;

namespace Mail.Host.Cli;

/// <summary>
/// How an inspection verb talks to the running server: connect with the configuration's
/// endpoint and token, print what the call returns (a table, or the answer as indented JSON
/// with --json), and turn a <see cref="ManagementException"/> into one line on stderr and its
/// exit code (69 no server, 75 busy or starting, 77 token, 78 endpoint disabled, 1 not found).
/// </summary>
public static class ManagementCall
{
    public static readonly Option<bool> Json = new("--json") { Description = "Print the server's answer as JSON" };

    /// Prints <paramref name="fetch"/>'s answer as text or, with --json, as JSON.
    public static Task<int> PrintAsync<T>(ParseResult result, Func<ManagementClient, CancellationToken, Task<T>> fetch, Func<T, string> text, JsonTypeInfo<T> type, CancellationToken ct) =>
        RunAsync(result, async (client, output) =>
        {
            var value = await fetch(client, ct);
            await output.WriteAsync(result.GetValue(Json) ? JsonText(value, type) : text(value));
        });

    public static string JsonText<T>(T value, JsonTypeInfo<T> type)
    {
        var indented = new JsonSerializerOptions(type.Options) { WriteIndented = true };
        return JsonSerializer.Serialize(value, indented.GetTypeInfo(typeof(T))) + "\n";
    }

    public static async Task<int> RunAsync(ParseResult result, Func<ManagementClient, TextWriter, Task> call)
    {
        var (_, settings) = CommonOptions.Load(result);
        try
        {
            using var client = ManagementClient.Connect(settings.Management);
            await call(client, result.InvocationConfiguration.Output);
            return 0;
        }
        catch (ManagementException e)
        {
            await result.InvocationConfiguration.Error.WriteLineAsync($"maild: {e.Message}");
            return e.ExitCode;
        }
    }
}
