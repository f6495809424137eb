using System.Text;

namespace Mail.Actors.Smtp;

/// <summary>
/// The command counts of one SMTP session, for the line Postfix's smtpd logs at the end:
/// <c>disconnect from host[ip] ehlo=1 starttls=1 auth=0/1 mail=1 rcpt=2/3 data=1 quit=1 commands=6/9</c>.
/// A command counts as successful when its final reply is 2xx or 3xx (DATA's 354 and AUTH's
/// 334 are not final); "n" alone means all n succeeded, "ok/total" that some did not. Lines
/// that name no command we know count as "unknown". Admins grep these lines for clients that
/// fail a lot, so the names and their order follow Postfix's.
/// </summary>
public sealed class SmtpCommandCounts
{
    private static readonly string[] Order =
        ["helo", "ehlo", "starttls", "auth", "mail", "rcpt", "data", "bdat", "rset", "noop", "vrfy", "help", "quit", "unknown"];

    private readonly Dictionary<string, (int Ok, int Total)> _counts = [];

    /// <param name="verb">The command's verb in any case, or null for a line that is no known command.</param>
    public void Record(string? verb, bool succeeded)
    {
        var name = verb?.ToLowerInvariant() ?? "unknown";
        if (!Order.Contains(name))
            name = "unknown";
        var (ok, total) = _counts.GetValueOrDefault(name);
        _counts[name] = (ok + (succeeded ? 1 : 0), total + 1);
    }

    /// "ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4"; "commands=0" for a session that sent none.
    public override string ToString()
    {
        var line = new StringBuilder();
        var (allOk, all) = (0, 0);
        foreach (var name in Order)
        {
            if (!_counts.TryGetValue(name, out var count))
                continue;
            line.Append(name).Append('=').Append(Format(count)).Append(' ');
            allOk += count.Ok;
            all += count.Total;
        }
        return line.Append("commands=").Append(Format((allOk, all))).ToString();
    }

    private static string Format((int Ok, int Total) count) =>
        count.Ok == count.Total ? $"{count.Total}" : $"{count.Ok}/{count.Total}";
}
