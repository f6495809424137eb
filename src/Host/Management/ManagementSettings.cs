using Akka.Configuration;
using Mail.Host.Configuration;

namespace Mail.Host.Management;

/// <summary>
/// `maild.management`: where the management endpoint listens (null when disabled) and where its
/// bearer token is kept. Read by `maild serve` and by the CLI verbs that talk to it, so both
/// agree on the address and the token file.
/// </summary>
public sealed record ManagementSettings(ListenAddress? Listen, string TokenFile)
{
    public const string FileName = "management.token";

    /// <param name="maild">The `maild` block.</param>
    public static ManagementSettings From(Config maild)
    {
        var text = maild.GetString("management.listen") ?? "";
        ListenAddress? listen = null;
        if (text.Trim().Length > 0)
        {
            listen = ListenAddress.Parse(text, "maild.management.listen");
            // The endpoint can delete mail and its only protection is a token in a local file.
            if (!System.Net.IPAddress.IsLoopback(listen.Address))
                throw new ConfigException($"maild.management.listen: '{text}' is not a loopback address (127.0.0.1, [::1] or localhost)");
            // The CLI must know the port the server is on, so a port picked at start cannot work.
            if (listen.Port == 0)
                throw new ConfigException($"maild.management.listen: '{text}' needs a fixed port");
        }
        var tokenFile = maild.GetString("management.token-file") ?? "";
        tokenFile = tokenFile.Trim().Length == 0
            ? Path.Combine(Path.GetFullPath(maild.GetString("data-dir")), FileName)
            : Path.GetFullPath(tokenFile);
        return new ManagementSettings(listen, tokenFile);
    }
}
