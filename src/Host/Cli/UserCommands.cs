using System.CommandLine;
using Spectre.Console;

namespace Mail.Host.Cli;

/// `maild user add|list|remove|passwd`: virtual users with hashed passwords ({SHA512-CRYPT}).
public static class UserCommands
{
    public static Command Create()
    {
        var password = new Option<string?>("--password", "-p")
        {
            Description = "The password; without it, it is read from the terminal (hidden) or from one line of standard input",
        };

        var address = new Argument<string>("address") { Description = "Full address, e.g. alice@example.org" };
        var add = new Command("add", "Add a user (its domain must exist)") { address, password };
        add.SetAction(r => DomainCommands.Run(r, admin =>
        {
            admin.AddUser(r.GetValue(address)!, ReadPassword(r.GetValue(password)));
            Console.WriteLine($"user {r.GetValue(address)!.ToLowerInvariant()} added");
        }));

        var passwdAddress = new Argument<string>("address") { Description = "Full address" };
        var passwd = new Command("passwd", "Set a user's password") { passwdAddress, password };
        passwd.SetAction(r => DomainCommands.Run(r, admin =>
        {
            admin.SetPassword(r.GetValue(passwdAddress)!, ReadPassword(r.GetValue(password)));
            Console.WriteLine($"password of {r.GetValue(passwdAddress)!.ToLowerInvariant()} changed");
        }));

        var removeAddress = new Argument<string>("address") { Description = "Full address" };
        var remove = new Command("remove", "Remove a user (its stored mail stays in the data folder)") { removeAddress };
        remove.SetAction(r => DomainCommands.Run(r, admin =>
        {
            admin.RemoveUser(r.GetValue(removeAddress)!);
            Console.WriteLine($"user {r.GetValue(removeAddress)!.ToLowerInvariant()} removed");
        }));

        var domain = new Argument<string?>("domain") { Description = "Only users of this domain", Arity = ArgumentArity.ZeroOrOne };
        var list = new Command("list", "List users") { domain };
        list.SetAction(r => DomainCommands.Run(r, admin =>
        {
            var table = new Table().AddColumns("address", "created");
            foreach (var u in admin.ListUsers(r.GetValue(domain)))
                table.AddRow(Markup.Escape(u.Address), u.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
        }));

        var setAddress = new Argument<string>("address") { Description = "Full address" };
        var senderCheck = SenderLoginCheckOption();
        var set = new Command("set", "Change a user's settings") { setAddress, senderCheck };
        set.SetAction(r => DomainCommands.Run(r, admin =>
        {
            var value = r.GetValue(senderCheck)!;
            admin.SetUserSenderLoginCheck(r.GetValue(setAddress)!, ParseSenderLoginCheck(value));
            Console.WriteLine($"sender login check of {r.GetValue(setAddress)!.ToLowerInvariant()}: {value}");
        }));

        return new Command("user", "Manage users") { add, passwd, remove, list, set };
    }

    /// <summary>
    /// --sender-login-check on|off|inherit (Postfix reject_sender_login_mismatch, per user or
    /// domain): "inherit" takes the domain's, then maild.smtp.reject-sender-login-mismatch.
    /// </summary>
    internal static Option<string> SenderLoginCheckOption()
    {
        var option = new Option<string>("--sender-login-check")
        {
            Description = "May the user send only as its own addresses and aliases: on, off, or inherit (from the domain, then the configuration)",
            Required = true,
        };
        option.AcceptOnlyFromAmong("on", "off", "inherit");
        return option;
    }

    internal static bool? ParseSenderLoginCheck(string value) => value switch
    {
        "on" => true,
        "off" => false,
        _ => null,
    };

    private static string ReadPassword(string? given)
    {
        if (given is not null)
            return given;
        if (!Console.IsInputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
            return AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
        return Console.In.ReadLine() ?? "";
    }
}
