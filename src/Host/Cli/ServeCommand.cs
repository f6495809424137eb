using System.CommandLine;
using Mail.Host.Server;

namespace Mail.Host.Cli;

public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the mail server (SMTP, POP3) in the foreground until SIGTERM or Ctrl-C");
        command.SetAction(async (result, _) =>
        {
            var (config, settings) = CommonOptions.Load(result);
            return await MaildServer.RunAsync(config, settings);
        });
        return command;
    }
}
