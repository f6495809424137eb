using System.CommandLine;
using System.Globalization;

namespace Mail.Host.Load;

/// <summary>
/// The options of `maild source`, spelled as smtp-source(1) spells them (-s -m -l -f -t -r -N
/// -d -c -M -S and a positional <c>[inet:]host[:port]</c>) plus long options for what it lacks,
/// and <see cref="Read"/>, which turns a parse into <see cref="SourceOptions"/> without any I/O
/// but reading a --users-file. Bad values throw <see cref="SourceUsageException"/>.
/// </summary>
public sealed class SourceCommandLine
{
    public Argument<string?> Target { get; } = new("host[:port]") { Description = "Server to load, as smtp-source: [inet:]host[:port]", Arity = ArgumentArity.ZeroOrOne };
    public Option<string?> Host { get; } = new("--host") { HelpName = "host", Description = "Server host (default 127.0.0.1)" };
    public Option<int?> Port { get; } = new("--port") { HelpName = "port", Description = "Server port (default 25, 465 with --implicit-tls; POP3 110/995; IMAP 143/993)" };
    public Option<int> Sessions { get; } = new("-s") { HelpName = "sessions", Description = "Sessions in parallel", DefaultValueFactory = _ => 1 };
    public Option<int> Messages { get; } = new("-m") { HelpName = "count", Description = "Messages in total (POP3/IMAP: mailbox visits in total; default: one per user)", DefaultValueFactory = _ => 1 };
    public Option<int?> Size { get; } = new("-l") { HelpName = "bytes", Description = "Message payload in bytes after the headers" };
    public Option<string?> From { get; } = new("-f") { HelpName = "from", Description = "Sender (default foo@myhostname)" };
    public Option<string?> To { get; } = new("-t") { HelpName = "to", Description = "Recipient (default foo@myhostname); a number is prepended for -r > 1 and -N" };
    public Option<int> Recipients { get; } = new("-r") { HelpName = "count", Description = "Recipients per message", DefaultValueFactory = _ => 1 };

    /// A flag in SMTP mode and a user count in POP3/IMAP mode; S.CL cannot hand a consumed token
    /// back from an option, so a token that is no number is the positional host (see Read).
    public Option<string?> Unique { get; } = new("-N") { HelpName = "count", Description = "SMTP: prepend a never repeating number to each recipient. POP3/IMAP: -N COUNT users from the --users pattern", Arity = ArgumentArity.ZeroOrOne };
    public Option<bool> KeepConnection { get; } = new("-d") { Description = "Don't disconnect after sending a message; send the next one over the same connection (smtp-source's -d)" };
    public Option<bool> Counter { get; } = new("-c") { Description = "Print a running count of completed messages as plain lines" };
    public Option<string?> MyHostname { get; } = new("-M") { HelpName = "myhostname", Description = "Name in EHLO and in the default addresses (default: this machine's name)" };
    public Option<string?> Subject { get; } = new("-S") { HelpName = "subject", Description = "Subject header (default: none)" };
    public Option<bool> StartTls { get; } = new("--tls") { Description = "STARTTLS after EHLO" };
    public Option<bool> ImplicitTls { get; } = new("--implicit-tls") { Description = "TLS from the first byte (SMTPS 465, POP3S 995, IMAPS 993)" };
    public Option<string?> Auth { get; } = new("--auth") { HelpName = "user:password", Description = "user:password for AUTH PLAIN" };
    public Option<bool> Insecure { get; } = new("--insecure") { Description = "Accept any server certificate (test setups only)" };
    public Option<bool> NoPipelining { get; } = new("--no-pipelining") { Description = "Wait for each reply like smtp-source, even when the server offers PIPELINING" };
    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object (see README, Load testing) instead of the summary" };
    public Option<bool> Pop3 { get; } = new("--pop3") { Description = "Read mailboxes over POP3: USER/PASS, STAT, UIDL, RETR each" };
    public Option<bool> Imap { get; } = new("--imap") { Description = "Read mailboxes over IMAP: LOGIN, SELECT INBOX, UID FETCH 1:* BODY.PEEK[]" };
    public Option<string?> Users { get; } = new("--users") { HelpName = "pattern", Description = "user:password, with %d replaced by 1..N when -N N is given" };
    public Option<FileInfo?> UsersFile { get; } = new("--users-file") { HelpName = "file", Description = "File with one user:password a line" };
    public Option<bool> Delete { get; } = new("--delete") { Description = "POP3/IMAP: delete every fetched message" };
    public Option<int> TimeoutSeconds { get; } = new("--timeout") { HelpName = "seconds", Description = "Seconds to wait for one reply", DefaultValueFactory = _ => 60 };

    public IEnumerable<Symbol> Symbols =>
    [
        Target, Host, Port, Sessions, Messages, Size, From, To, Recipients, Unique, KeepConnection, Counter, MyHostname,
        Subject, StartTls, ImplicitTls, Auth, Insecure, NoPipelining, Json, Pop3, Imap, Users, UsersFile, Delete, TimeoutSeconds,
    ];

    /// The `source` command with these symbols, without an action (the CLI adds it).
    public Command ToCommand()
    {
        var command = new Command("source", "Load an SMTP, POP3 or IMAP server, like Postfix's smtp-source");
        foreach (var symbol in Symbols)
        {
            if (symbol is Option option)
                command.Options.Add(option);
            else
                command.Arguments.Add((Argument)symbol);
        }
        return command;
    }

    public SourceOptions Read(ParseResult r)
    {
        var mode = (r.GetValue(Pop3), r.GetValue(Imap)) switch
        {
            (true, true) => throw new SourceUsageException("--pop3 and --imap exclude each other"),
            (true, _) => LoadMode.Pop3,
            (_, true) => LoadMode.Imap,
            _ => LoadMode.Smtp,
        };
        var security = (r.GetValue(StartTls), r.GetValue(ImplicitTls)) switch
        {
            (true, true) => throw new SourceUsageException("--tls and --implicit-tls exclude each other"),
            (true, _) when mode != LoadMode.Smtp => throw new SourceUsageException("--tls (STARTTLS) is for SMTP; use --implicit-tls"),
            (true, _) => LoadSecurity.StartTls,
            (_, true) => LoadSecurity.ImplicitTls,
            _ => LoadSecurity.None,
        };

        var (unique, userCount, strayTarget) = ReadUnique(r);
        var target = r.GetValue(Target) ?? strayTarget;
        var (host, port) = target is null ? (null, (int?)null) : TargetAddress.Parse(target);
        host = r.GetValue(Host) ?? host ?? "127.0.0.1";
        var explicitPort = r.GetValue(Port) ?? port;

        var users = mode == LoadMode.Smtp ? [] : ReadUsers(r, userCount);
        var messages = r.GetResult(Messages) is { Implicit: false } ? r.GetValue(Messages) : mode == LoadMode.Smtp ? 1 : users.Count;
        var options = new SourceOptions
        {
            Mode = mode,
            Host = host,
            Port = explicitPort ?? TargetAddress.DefaultPort(mode, security),
            Sessions = Positive(r.GetValue(Sessions), "-s"),
            Messages = Positive(messages, "-m"),
            Size = r.GetValue(Size) is { } size ? Positive(size, "-l") : null,
            From = r.GetValue(From),
            To = r.GetValue(To),
            RecipientsPerMessage = Positive(r.GetValue(Recipients), "-r"),
            UniqueRecipients = unique,
            KeepConnection = r.GetValue(KeepConnection),
            Counter = r.GetValue(Counter),
            MyHostname = r.GetValue(MyHostname) ?? Environment.MachineName,
            Subject = r.GetValue(Subject),
            Security = security,
            Insecure = r.GetValue(Insecure),
            Auth = r.GetValue(Auth) is { } auth ? UserList.Credentials(auth, "--auth") : null,
            Pipelining = !r.GetValue(NoPipelining),
            Json = r.GetValue(Json),
            Users = users,
            Delete = r.GetValue(Delete),
            Timeout = TimeSpan.FromSeconds(Positive(r.GetValue(TimeoutSeconds), "--timeout")),
        };
        if (options.Port is < 1 or > 65535)
            throw new SourceUsageException($"bad port {options.Port}");
        return options;
    }

    /// -N alone is smtp-source's flag; -N 25 a user count; -N host:port a flag followed by the target.
    private (bool Unique, int? Count, string? Stray) ReadUnique(ParseResult r)
    {
        if (r.GetResult(Unique) is not { } result)
            return (false, null, null);
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (token is null)
            return (true, null, null);
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return (true, Positive(count, "-N"), null);
        return (true, null, token);
    }

    private IReadOnlyList<LoadUser> ReadUsers(ParseResult r, int? count)
    {
        var pattern = r.GetValue(Users);
        var file = r.GetValue(UsersFile);
        if ((pattern is null) == (file is null))
            throw new SourceUsageException("POP3/IMAP mode needs either --users user:password (with %d and -N COUNT) or --users-file FILE");
        return pattern is not null ? UserList.FromPattern(pattern, count) : UserList.FromLines(File.ReadAllLines(file!.FullName));
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new SourceUsageException($"{option} must be at least 1 (got {value})");
}

/// A command line that names an impossible load; printed as one line, exit status 1.
public sealed class SourceUsageException(string message) : Exception(message);
