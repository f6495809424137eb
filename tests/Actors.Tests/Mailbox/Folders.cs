using Akka.Actor;
using Mail.Actors.Mailbox;

namespace Mail.Actors.Tests.Mailbox;

/// Helpers for the pure folder tests: run a decision through Apply, append into any folder.
internal static class Folders
{
    public const string Id = "bob@example.com";

    /// An initialized mailbox (INBOX and the default folders), as the actor makes it.
    public static MailboxState New() => MailboxState.Empty.Run(MailboxState.Empty.DecideInitialization(Appends.Now));

    public static MailboxState Run(this MailboxState state, IEnumerable<IMailboxEvent> events) =>
        events.Aggregate(state, (s, e) => s.Apply(e));

    public static (MailboxState State, T Reply) Do<T>(this MailboxState state, (IReadOnlyList<IMailboxEvent> Events, T Reply) decided) =>
        (state.Run(decided.Events), decided.Reply);

    public static MailboxState Create(this MailboxState state, string name) =>
        state.Run(state.DecideCreate(name, null, Appends.Now).Events);

    public static AppendMessage Append(string folder, string queueId, long size = 100, params string[] flags) =>
        new(Id, folder, queueId, queueId + ".0", size, Appends.Now, flags);

    /// Appends queue ids into <paramref name="folder"/> (each must succeed).
    public static MailboxState With(this MailboxState state, string folder, params string[] queueIds)
    {
        foreach (var q in queueIds)
        {
            var (next, reply) = state.Do(state.DecideAppendMessage(Append(folder, q)));
            Assert.IsType<MessageAppendedTo>(reply);
            state = next;
        }
        return state;
    }

    public static StoreFlags Store(string folder, StoreFlagsMode mode, long[] uids, params string[] flags) =>
        new(Id, folder, uids, mode, flags, null, ActorRefs.Nobody);

    public static CopyMessages Copy(string from, string to, bool move, params long[] uids) =>
        new(Id, from, uids, to, move, ActorRefs.Nobody);

    public static ExpungeFolder Expunge(string folder, params long[] uids) =>
        new(Id, folder, uids.Length == 0 ? null : uids, ActorRefs.Nobody);
}
