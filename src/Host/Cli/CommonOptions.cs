using System.CommandLine;
using Mail.Host.Configuration;

namespace Mail.Host.Cli;

/// The options every verb shares, so that an admin points all of them at one installation.
public static class CommonOptions
{
    public static readonly Option<FileInfo?> Config = new("--config", "-c")
    {
        Description = "Configuration file layered over the built-in defaults (see hocon/mail.conf)",
        Recursive = true,
    };

    public static (Akka.Configuration.Config Config, MaildSettings Settings) Load(ParseResult result)
    {
        var file = result.GetValue(Config);
        var config = ConfigLoader.Load(file?.FullName);
        return (config, MaildSettings.From(config));
    }
}
