using System.CommandLine;
using Mail.Host.Directory;
using Spectre.Console;

namespace Mail.Host.Cli;

/// `maild domain add|list|remove`: the virtual domains (Extman's job), straight on the directory
/// database, whether or not the server runs; a running server sees changes at its next lookup.
public static class DomainCommands
{
    public static Command Create()
    {
        var name = new Argument<string>("domain") { Description = "Domain name, e.g. example.org" };
        var add = new Command("add", "Add a local (virtual) domain") { name };
        add.SetAction(r => Run(r, admin =>
        {
            admin.AddDomain(r.GetValue(name)!);
            Console.WriteLine($"domain {r.GetValue(name)!.ToLowerInvariant()} added");
        }));

        var removeName = new Argument<string>("domain") { Description = "Domain name" };
        var remove = new Command("remove", "Remove a domain that has no users left") { removeName };
        remove.SetAction(r => Run(r, admin =>
        {
            admin.RemoveDomain(r.GetValue(removeName)!);
            Console.WriteLine($"domain {r.GetValue(removeName)!.ToLowerInvariant()} removed");
        }));

        var list = new Command("list", "List the local domains with their number of users");
        list.SetAction(r => Run(r, admin =>
        {
            var table = new Table().AddColumns("domain", "users", "created");
            foreach (var d in admin.ListDomains())
                table.AddRow(Markup.Escape(d.Name), d.UserCount.ToString(System.Globalization.CultureInfo.InvariantCulture), d.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
        }));

        return new Command("domain", "Manage local domains") { add, remove, list };
    }

    /// Opens the configured directory and turns directory errors into one line and exit code 1.
    internal static int Run(ParseResult result, Action<DirectoryAdmin> action)
    {
        var (_, settings) = CommonOptions.Load(result);
        System.IO.Directory.CreateDirectory(settings.DataDir);
        try
        {
            var admin = new DirectoryAdmin(settings.DirectoryDatabase);
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
