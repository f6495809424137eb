using System.CommandLine;
using Mail.Host.Configuration;

namespace Mail.Host.Cli;

/// <summary>
/// `maild config show [--non-default]`: Postfix's `postconf` (`-n` for --non-default). It loads
/// the configuration exactly as `maild serve --config FILE` does (defaults, file, environment),
/// so it needs no running server and reports the same errors serve would.
/// </summary>
public static class ConfigCommands
{
    public static Command Create()
    {
        var nonDefault = new Option<bool>("--non-default", "-n") { Description = "Only settings that differ from the built-in defaults (postconf -n)" };
        var show = new Command("show", "Print the effective configuration, every setting with its value (postconf)") { nonDefault };
        show.SetAction(async (r, _) =>
        {
            var (config, _) = CommonOptions.Load(r);
            await r.InvocationConfiguration.Output.WriteAsync(ConfigText.Show(config, ConfigLoader.Defaults, r.GetValue(nonDefault)));
            return 0;
        });
        return new Command("config", "Show the configuration") { show };
    }
}
