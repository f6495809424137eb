using System.CommandLine;
using Mail.Host.Cli;
using Mail.Host.Configuration;

// maild: one executable for the server and for every admin verb.
var root = new RootCommand("maild: SMTP and POP3 mail server with virtual domains, on Akka.NET")
{
    CommonOptions.Config,
    ServeCommand.Create(),
    DomainCommands.Create(),
    UserCommands.Create(),
    AliasCommands.Create(),
    QueueCommands.Create(),
    AccessCommands.Create(),
    SourceCommand.Create(),
    ClusterCommands.Create(),
    ConfigCommands.Create(),
};
foreach (var inspect in InspectCommands.Create())
    root.Add(inspect);

try
{
    // Our own handler below prints config problems as one line; anything else still gets a trace.
    // No response files: "@example.org" is a catch-all alias source (maild alias add @example.org ...), not a file to read.
    return await root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null })
        .InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ConfigException e)
{
    // A problem the admin must fix: one line, no stack trace, EX_CONFIG.
    Console.Error.WriteLine($"maild: {e.Message}");
    return 78;
}
