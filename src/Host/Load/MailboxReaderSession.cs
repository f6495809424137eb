using System.Diagnostics;

namespace Mail.Host.Load;

/// The outcome of one mailbox visit: the reply that decided it ("+OK", "-ERR", "OK", "NO", "BAD").
public readonly record struct VisitOutcome(string Reply, bool Ok);

/// <summary>
/// One reader session of the POP3/IMAP modes: takes visit numbers from the shared
/// <see cref="LoadRun"/> and visits user (number mod users) on a fresh connection each time,
/// so that -s sessions read -s mailboxes at once. Run no more sessions than users: POP3 locks a
/// mailbox while a session holds it (RFC 1939 section 8), and a second login would be refused.
/// </summary>
public sealed class MailboxReaderSession(LoadRun run)
{
    public SessionStats Stats { get; } = new();

    public async Task RunAsync(CancellationToken ct)
    {
        var users = run.Options.Users;
        while (!ct.IsCancellationRequested && run.TryTake(out var number))
        {
            var user = users[(int)(number % users.Count)];
            var start = Stopwatch.GetTimestamp();
            try
            {
                await using var connection = await LoadConnection.OpenAsync(run.Options, ct);
                var outcome = run.Options.Mode == LoadMode.Imap
                    ? await ImapVisit.RunAsync(connection, user, run.Options.Delete, Stats)
                    : await Pop3Visit.RunAsync(connection, user, run.Options.Delete, Stats);
                if (outcome.Ok)
                    Stats.Success(outcome.Reply, start);
                else
                    Stats.Failure(outcome.Reply);
                run.Done(outcome.Ok);
            }
            catch (Exception e)
            {
                if (ct.IsCancellationRequested)
                    break;
                Stats.Broken(e);
                run.Done(ok: false);
            }
        }
    }
}
