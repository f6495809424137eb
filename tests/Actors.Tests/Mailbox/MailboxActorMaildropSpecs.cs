using Akka.Actor;
using Mail.Actors.Mailbox;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Mailbox;

/// The POP3 side of the mailbox: exclusive maildrop lock, expunge at close, blob deletion.
public sealed class MailboxActorMaildropSpecs(ITestOutputHelper output) : PersistentSpec(output)
{
    private const string Id = "bob@example.com";

    [Fact]
    public async Task Open_lists_the_stored_messages_in_uid_order()
    {
        var mailbox = await MailboxWith(3);
        var session = CreateTestProbe();

        var opened = await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, session));

        Assert.Equal([1L, 2L, 3L], opened.Messages.Select(m => m.Uid));
        Assert.Equal(["Q1.0", "Q2.0", "Q3.0"], opened.Messages.Select(m => m.BlobId));
        var status = await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id));
        Assert.Equal(status.UidValidity, opened.UidValidity);
    }

    [Fact]
    public async Task Second_session_gets_MaildropInUse_until_the_first_session_actor_dies()
    {
        var mailbox = await MailboxWith(1);
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, first));

        Assert.Equal(new MaildropInUse(Id), await mailbox.AskFor<object>(new OpenMaildrop(Id, second)));

        Watch(first);
        Sys.Stop(first);
        await ExpectTerminatedAsync(first, cancellationToken: TestContext.Current.CancellationToken);
        await AwaitAssertAsync(
            async () => Assert.IsType<MaildropOpened>(await mailbox.AskFor<object>(new OpenMaildrop(Id, second))),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Close_releases_the_lock_for_the_next_session()
    {
        var mailbox = await MailboxWith(1);
        var first = CreateTestProbe();
        await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, first));

        await mailbox.AskFor<MaildropClosed>(new CloseMaildrop(Id, first, []));

        Assert.IsType<MaildropOpened>(await mailbox.AskFor<object>(new OpenMaildrop(Id, CreateTestProbe())));
    }

    [Fact]
    public async Task Close_from_a_session_without_the_lock_expunges_nothing()
    {
        var mailbox = await MailboxWith(2);
        var holder = CreateTestProbe();
        await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, holder));

        var closed = await mailbox.AskFor<MaildropClosed>(new CloseMaildrop(Id, CreateTestProbe(), [1, 2]));

        Assert.Equal(0, closed.Expunged);
        Assert.Equal(2, (await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id))).Count);
    }

    [Fact]
    public async Task Close_after_the_mailbox_was_restarted_still_expunges()
    {
        // A POP3 session idle past the passivation timeout finds a fresh mailbox with a free lock.
        var mailbox = await MailboxWith(2);
        var session = CreateTestProbe();
        await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, session));
        Watch(mailbox);
        mailbox.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(mailbox, cancellationToken: TestContext.Current.CancellationToken);
        var recovered = Sys.ActorOf(MailboxActor.Props(Id, Blobs));

        var closed = await recovered.AskFor<MaildropClosed>(new CloseMaildrop(Id, session, [1]));

        Assert.Equal(1, closed.Expunged);
    }

    [Fact]
    public async Task The_lock_holder_may_open_again()
    {
        var mailbox = await MailboxWith(1);
        var session = CreateTestProbe();
        await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, session));

        Assert.IsType<MaildropOpened>(await mailbox.AskFor<object>(new OpenMaildrop(Id, session)));
    }

    [Fact]
    public async Task Close_expunges_the_given_uids_deletes_their_blobs_and_a_reopen_shows_them_gone()
    {
        var mailbox = await MailboxWith(4);
        var session = CreateTestProbe();
        await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, session));

        var closed = await mailbox.AskFor<MaildropClosed>(new CloseMaildrop(Id, session, [2, 4, 99]));

        Assert.Equal(new MaildropClosed(Id, 2), closed);
        await AwaitAssertAsync(() =>
        {
            Assert.False(Blobs.Exists("Q2.0"));
            Assert.False(Blobs.Exists("Q4.0"));
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        Assert.True(Blobs.Exists("Q1.0"));
        Assert.True(Blobs.Exists("Q3.0"));
        var reopened = await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, CreateTestProbe()));
        Assert.Equal([1L, 3L], reopened.Messages.Select(m => m.Uid));
        var status = await mailbox.AskFor<MailboxStatus>(new GetMailboxStatus(Id));
        Assert.Equal((2, 11L + 13L), (status.Count, status.TotalSize));
    }

    [Fact]
    public async Task Close_with_nothing_to_expunge_replies_zero()
    {
        var mailbox = await MailboxWith(1);
        var session = CreateTestProbe();
        await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, session));

        Assert.Equal(new MaildropClosed(Id, 0), await mailbox.AskFor<MaildropClosed>(new CloseMaildrop(Id, session, [])));
    }

    [Fact]
    public async Task Expunge_survives_a_restart_of_the_mailbox()
    {
        var mailbox = await MailboxWith(3);
        var session = CreateTestProbe();
        await mailbox.AskFor<MaildropOpened>(new OpenMaildrop(Id, session));
        await mailbox.AskFor<MaildropClosed>(new CloseMaildrop(Id, session, [1]));
        Watch(mailbox);
        mailbox.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(mailbox, cancellationToken: TestContext.Current.CancellationToken);

        var again = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        var reopened = await again.AskFor<MaildropOpened>(new OpenMaildrop(Id, CreateTestProbe()));

        Assert.Equal([2L, 3L], reopened.Messages.Select(m => m.Uid));
        var status = await again.AskFor<MailboxStatus>(new GetMailboxStatus(Id));
        Assert.Equal((2, 12L + 13L, 4L), (status.Count, status.TotalSize, status.NextUid));
    }

    /// A mailbox with messages Q1..Qn whose bodies exist as blobs (body i has 10+i bytes).
    private async Task<IActorRef> MailboxWith(int count)
    {
        var mailbox = Sys.ActorOf(MailboxActor.Props(Id, Blobs));
        for (var i = 1; i <= count; i++)
        {
            var body = new string('x', 10 + i);
            var blobId = await StoreBlob($"Q{i}", body);
            await mailbox.AskFor<MessageAppended>(new AppendToMailbox(Id, $"Q{i}", blobId, body.Length, Appends.Now));
        }
        return mailbox;
    }
}
