using System.CommandLine;
using Mail.Host.Directory;
using Spectre.Console;

namespace Mail.Host.Cli;

/// `maild domain add|list|remove`: the virtual domains and alias domains (Extman's job), straight on the directory
/// database, whether or not the server runs; a running server sees changes at its next lookup.
public static class DomainCommands
{
    public static Command Create()
    {
        var name = new Argument<string>("domain") { Description = "Domain name, e.g. example.org" };
        var aliasOf = new Option<string?>("--alias-of")
        {
            Description = "Make it an alias domain: mail to anyone@DOMAIN goes to anyone@TARGET (a domain of users)",
        };
        var add = new Command("add", "Add a local (virtual) domain, or an alias domain") { name, aliasOf };
        add.SetAction(r => Run(r, admin =>
        {
            var target = r.GetValue(aliasOf);
            admin.AddDomain(r.GetValue(name)!, target);
            Console.WriteLine(target is null
                ? $"domain {r.GetValue(name)!.ToLowerInvariant()} added"
                : $"domain {r.GetValue(name)!.ToLowerInvariant()} added as an alias of {target.ToLowerInvariant()}");
        }));

        var removeName = new Argument<string>("domain") { Description = "Domain name" };
        var remove = new Command("remove", "Remove a domain that has no users, aliases or alias domains left") { removeName };
        remove.SetAction(r => Run(r, admin =>
        {
            admin.RemoveDomain(r.GetValue(removeName)!);
            Console.WriteLine($"domain {r.GetValue(removeName)!.ToLowerInvariant()} removed");
        }));

        var list = new Command("list", "List the local domains with their number of users and aliases");
        list.SetAction(r => Run(r, admin =>
        {
            var domains = admin.ListDomains();
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            // The "alias of" column only when there are alias domains, so the usual table stays narrow.
            var withAliasDomains = domains.Any(d => d.AliasOf is not null);
            var table = new Table().AddColumns(withAliasDomains ? ["domain", "users", "aliases", "alias of", "created"] : ["domain", "users", "aliases", "created"]);
            foreach (var d in domains)
            {
                string[] cells = [Markup.Escape(d.Name), d.UserCount.ToString(invariant), d.AliasCount.ToString(invariant)];
                if (withAliasDomains)
                    cells = [.. cells, Markup.Escape(d.AliasOf ?? "")];
                table.AddRow([.. cells, d.CreatedAt.ToString("u", invariant)]);
            }
            AnsiConsole.Write(table);
        }));

        var setName = new Argument<string>("domain") { Description = "Domain name (of users, not an alias domain)" };
        var senderCheck = UserCommands.SenderLoginCheckOption();
        var set = new Command("set", "Change a domain's settings (its users inherit them)") { setName, senderCheck };
        set.SetAction(r => Run(r, admin =>
        {
            var value = r.GetValue(senderCheck)!;
            admin.SetDomainSenderLoginCheck(r.GetValue(setName)!, UserCommands.ParseSenderLoginCheck(value));
            Console.WriteLine($"sender login check of {r.GetValue(setName)!.ToLowerInvariant()}: {value}");
        }));

        return new Command("domain", "Manage local domains") { add, remove, list, set };
    }

    /// Opens the configured directory and turns directory errors into one line and exit code 1.
    internal static int Run(ParseResult result, Action<DirectoryAdmin> action)
    {
        var (_, settings) = CommonOptions.Load(result);
        System.IO.Directory.CreateDirectory(settings.DataDir);
        try
        {
            var admin = DirectoryStore.For(settings).Admin(settings.Aliases);
            // The domains named in the configuration always exist, as they do for a running
            // server, so `maild user add` works on a fresh install before the first `serve`.
            foreach (var domain in settings.Domains)
                admin.EnsureDomain(domain);
            action(admin);
            return 0;
        }
        catch (DirectoryException e)
        {
            Console.Error.WriteLine($"maild: {e.Message}");
            return 1;
        }
    }
}
