using Mail.Actors.Mailbox;

namespace Mail.Actors.Tests.Mailbox;

/// Helpers to build commands and states for the pure mailbox tests.
internal static class Appends
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 20, 55, 39, TimeSpan.Zero);

    public static AppendToMailbox Cmd(string queueId, long size = 100) =>
        new("bob@example.com", queueId, queueId + ".0", size, Now);

    /// A state with the given queue ids appended, in order, through Decide and Apply.
    public static MailboxState StateWith(params string[] queueIds) => StateWith(MailboxState.Empty, queueIds);

    public static MailboxState StateWith(MailboxState state, params string[] queueIds)
    {
        var (events, _) = state.DecideAppends([.. queueIds.Select(q => Cmd(q))], Now);
        return events.Aggregate(state, (s, e) => s.Apply(e));
    }

    public static MailboxState Expunge(MailboxState state, params long[] uids) =>
        state.DecideExpunge(uids).Aggregate(state, (s, e) => s.Apply(e));
}
