using System.CommandLine;

namespace Mail.Host.Cli;

/// `maild alias add|remove|list`: virtual aliases (Postfix's virtual_alias_maps), straight on the
/// directory database; a running server uses a change at the next RCPT TO.
public static class AliasCommands
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "Address, or @domain for a catch-all (anything in the domain that is no user)" };
        var destinations = new Argument<string[]>("destination")
        {
            Description = "Where the mail goes: local users, other aliases or remote addresses",
            Arity = ArgumentArity.OneOrMore,
        };
        var add = new Command("add", "Add an alias with one or more destinations") { source, destinations };
        add.SetAction(r => DomainCommands.Run(r, admin =>
        {
            var dests = r.GetValue(destinations)!;
            admin.AddAlias(r.GetValue(source)!, dests);
            Console.WriteLine($"alias {r.GetValue(source)!.ToLowerInvariant()} -> {string.Join(", ", dests.Select(d => d.ToLowerInvariant()))} added");
        }));

        var removeSource = new Argument<string>("source") { Description = "Address or @domain" };
        var removeDestination = new Argument<string?>("destination") { Description = "Only this destination (default: all of them)", Arity = ArgumentArity.ZeroOrOne };
        var remove = new Command("remove", "Remove an alias, or one of its destinations") { removeSource, removeDestination };
        remove.SetAction(r => DomainCommands.Run(r, admin =>
        {
            var dest = r.GetValue(removeDestination);
            admin.RemoveAlias(r.GetValue(removeSource)!, dest);
            Console.WriteLine($"alias {r.GetValue(removeSource)!.ToLowerInvariant()}{(dest is null ? "" : " -> " + dest.ToLowerInvariant())} removed");
        }));

        var domain = new Argument<string?>("domain") { Description = "Only aliases of this domain", Arity = ArgumentArity.ZeroOrOne };
        // Plain "source destination" lines (like postmap -s), never wrapped, easy to grep and sort.
        var list = new Command("list", "List aliases, one line per destination: SOURCE DESTINATION") { domain };
        list.SetAction(r => DomainCommands.Run(r, admin =>
        {
            var aliases = admin.ListAliases(r.GetValue(domain));
            var width = aliases.Count == 0 ? 0 : aliases.Max(a => a.Source.Length);
            foreach (var a in aliases)
                Console.WriteLine($"{a.Source.PadRight(width)} {a.Destination}");
        }));

        return new Command("alias", "Manage aliases (alias domains: maild domain add DOMAIN --alias-of TARGET)") { add, remove, list };
    }
}
