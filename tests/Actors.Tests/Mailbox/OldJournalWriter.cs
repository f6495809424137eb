using Akka.Actor;
using Akka.Persistence;
using Mail.Actors.Mailbox;

namespace Mail.Actors.Tests.Mailbox;

/// <summary>
/// Writes events (and optionally a snapshot) under a mailbox's PersistenceId as the code before
/// folders did, straight into the journal: recovery of what is really on disk is what is tested.
/// Answers "written" to "write" once everything is durable.
/// </summary>
internal sealed class OldJournalWriter : ReceivePersistentActor
{
    public OldJournalWriter(string mailboxId, IReadOnlyList<IMailboxEvent> events, MailboxSnapshot? snapshot)
    {
        PersistenceId = "mailbox-" + mailboxId;
        IActorRef? asker = null;
        Command<string>(_ =>
        {
            asker = Sender;
            PersistAll(events, _ => { });
            DeferAsync("done", _ =>
            {
                if (snapshot is null)
                    asker.Tell("written");
                else
                    SaveSnapshot(snapshot);
            });
        });
        Command<SaveSnapshotSuccess>(_ => asker?.Tell("written"));
        Command<SaveSnapshotFailure>(f => asker?.Tell(new Status.Failure(f.Cause)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string mailboxId, IReadOnlyList<IMailboxEvent> events, MailboxSnapshot? snapshot = null) =>
        Akka.Actor.Props.Create(() => new OldJournalWriter(mailboxId, events, snapshot));
}
