using System.CommandLine;
using System.Globalization;
using Mail.Host.Access;
using Mail.Host.Directory;
using Spectre.Console;

namespace Mail.Host.Cli;

/// <summary>
/// `maild access add|remove|list`: Postfix access(5) tables in the directory database. A running
/// server uses a change at its next RCPT.
/// </summary>
public static class AccessCommands
{
    public static Command Create()
    {
        var kind = new Argument<AccessKind>("kind") { Description = "client, helo, sender or recipient" };
        var pattern = new Argument<string>("pattern") { Description = "client: address or network (192.0.2.0/24); helo: name or domain; sender/recipient: user@domain, domain, user@ or <>" };
        var action = new Argument<AccessAction>("action") { Description = "OK (skip the optional checks; never grants relaying), REJECT (554 5.7.1) or DEFER (450 4.7.1)" };
        var message = new Argument<string?>("text") { Description = "Reply text instead of \"Access denied\"", Arity = ArgumentArity.ZeroOrOne };
        var add = new Command("add", "Add or replace a rule") { kind, pattern, action, message };
        add.SetAction(r => Run(r, table =>
        {
            var rule = table.Add(r.GetValue(kind), r.GetValue(pattern)!, r.GetValue(action), r.GetValue(message));
            Console.WriteLine($"{AccessTable.Name(rule.Kind)} {rule.Pattern} {rule.Action.ToString().ToUpperInvariant()}{(rule.Message is null ? "" : " " + rule.Message)}");
        }));

        var removeKind = new Argument<AccessKind>("kind") { Description = "client, helo, sender or recipient" };
        var removePattern = new Argument<string>("pattern") { Description = "The rule's pattern" };
        var remove = new Command("remove", "Remove a rule") { removeKind, removePattern };
        remove.SetAction(r => Run(r, table =>
        {
            table.Remove(r.GetValue(removeKind), r.GetValue(removePattern)!);
            Console.WriteLine("removed");
        }));

        var list = new Command("list", "List the rules");
        list.SetAction(r => Run(r, table =>
        {
            var grid = new Table().AddColumns("kind", "pattern", "action", "text", "added");
            foreach (var rule in table.List())
            {
                grid.AddRow(AccessTable.Name(rule.Kind), Markup.Escape(rule.Pattern), rule.Action.ToString().ToUpperInvariant(),
                    Markup.Escape(rule.Message ?? ""), rule.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(grid);
        }));

        return new Command("access", "Manage access rules by client, HELO name, sender and recipient (Postfix access tables)") { add, remove, list };
    }

    private static int Run(ParseResult result, Action<AccessTable> action)
    {
        var (_, settings) = CommonOptions.Load(result);
        System.IO.Directory.CreateDirectory(settings.DataDir);
        try
        {
            action(DirectoryStore.For(settings).AccessTable());
            return 0;
        }
        catch (DirectoryException e)
        {
            Console.Error.WriteLine($"maild: {e.Message}");
            return 1;
        }
    }
}
