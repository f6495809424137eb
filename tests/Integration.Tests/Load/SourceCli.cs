using System.Text.Json;
using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Load;

/// Runs `maild source ...` as a user would, with no MAILD_* environment and no config.
public static class SourceCli
{
    public static Task<CliResult> RunAsync(params string[] args) =>
        MaildBinary.RunAsync(new Dictionary<string, string>(), Path.GetTempPath(), TimeSpan.FromSeconds(120), ["source", .. args]);

    /// Runs with --json and returns the summary object (and the whole result for messages).
    public static async Task<(CliResult Result, JsonElement Json)> RunJsonAsync(params string[] args)
    {
        var result = await RunAsync([.. args, "--json"]);
        try
        {
            return (result, JsonDocument.Parse(result.Stdout).RootElement);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"maild source printed no JSON object: {result}", e);
        }
    }

    public static long Reply(this JsonElement json, string code) =>
        json.GetProperty("replies").TryGetProperty(code, out var count) ? count.GetInt64() : 0;
}
