using System.Text;
using Akka.Actor;
using Mail.Actors.Bounces;
using Mail.Actors.Intake;
using Mail.Actors.Mailbox;
using Mail.Actors.Queue;
using Mail.Actors.Tests.Support;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Tests.Bounces;

/// <summary>
/// The bouncer with the real intake, blob store and mailbox actors (the queue region is a probe:
/// these notices go to a local sender and never reach it).
/// </summary>
public sealed class BouncerSpecs(ITestOutputHelper output) : PersistentSpec(output)
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static SendNotice Notice(string noticeId, string originalBlob) => new(
        noticeId,
        new DsnRequest("mx.local.test", "Q0000000000000030", "alice@local.test", null, DsnReturn.Headers, Arrival,
            [new DsnRecipient("bob@remote.test", null, DsnAction.Failed, "5.1.1", "550 5.1.1 unknown user", "mx.remote.test", Arrival)]),
        originalBlob);

    [Fact]
    public async Task A_notice_repeated_after_a_lost_answer_reaches_the_sender_once()
    {
        var directory = new InMemoryDirectory().WithDomain("local.test").WithUser("alice@local.test", "pw");
        var mailboxes = Sys.ActorOf(TestMailboxRegion.Props(Blobs));
        var intake = new MessageIntake(Blobs, mailboxes, CreateTestProbe().Ref, TimeSpan.FromSeconds(10));
        var bouncer = Sys.ActorOf(Bouncer.Props(Blobs, directory, () => intake, 50_000));
        var original = await StoreBlob("Q0000000000000030", "Subject: the original\r\nMessage-ID: <orig@local.test>\r\n\r\nbody\r\n");

        var notice = Notice("Q0000000000000030NABCDEF010A1B2C", original);
        Assert.Equal(notice.NoticeId, (await bouncer.AskFor<NoticeQueued>(notice)).NoticeId);
        Assert.Equal(notice.NoticeId, (await bouncer.AskFor<NoticeQueued>(notice)).NoticeId);

        var status = await mailboxes.AskFor<MailboxStatus>(new GetMailboxStatus("alice@local.test"));
        Assert.Equal(1, status.Count);
        var opened = await mailboxes.AskFor<MaildropOpened>(new OpenMaildrop("alice@local.test", TestActor));
        var dsn = Encoding.UTF8.GetString(await Blobs.ReadAllAsync(Assert.Single(opened.Messages).BlobId, TestContext.Current.CancellationToken));
        Assert.StartsWith("Return-Path: <>\r\n", dsn, StringComparison.Ordinal);
        Assert.Contains("multipart/report", dsn, StringComparison.Ordinal);
        Assert.Contains("Message-ID: <orig@local.test>", dsn, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\r", dsn, StringComparison.Ordinal);
        Assert.Equal(dsn.Split('\n').Length - 1, dsn.Split("\r\n").Length - 1); // CRLF throughout
    }

    [Fact]
    public async Task A_notice_to_a_local_sender_that_does_not_exist_is_dropped()
    {
        var directory = new InMemoryDirectory().WithDomain("local.test");
        var queues = CreateTestProbe();
        var intake = new MessageIntake(Blobs, Sys.ActorOf(TestMailboxRegion.Props(Blobs)), queues.Ref, TimeSpan.FromSeconds(10));
        var bouncer = Sys.ActorOf(Bouncer.Props(Blobs, directory, () => intake, 50_000));
        var original = await StoreBlob("Q0000000000000031", "Subject: x\r\n\r\nbody\r\n");

        await bouncer.AskFor<NoticeQueued>(Notice("Q0000000000000031NABCDEF010A1B2C", original));
        queues.ExpectNoMsg(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_notice_to_a_local_sender_that_is_an_alias_reaches_each_member_once()
    {
        var directory = new InMemoryDirectory()
            .WithUser("bob@local.test", "pw").WithUser("carol@local.test", "pw")
            .WithAlias("alice@local.test", "bob@local.test", "carol@local.test");
        var mailboxes = Sys.ActorOf(TestMailboxRegion.Props(Blobs));
        var intake = new MessageIntake(Blobs, mailboxes, CreateTestProbe().Ref, TimeSpan.FromSeconds(10));
        var bouncer = Sys.ActorOf(Bouncer.Props(Blobs, directory, () => intake, 50_000));
        var original = await StoreBlob("Q0000000000000032", "Subject: x\r\n\r\nbody\r\n");

        var notice = Notice("Q0000000000000032NABCDEF010A1B2C", original);
        await bouncer.AskFor<NoticeQueued>(notice);
        await bouncer.AskFor<NoticeQueued>(notice); // a repeat after a lost answer

        foreach (var member in new[] { "bob@local.test", "carol@local.test" })
            Assert.Equal(1, (await mailboxes.AskFor<MailboxStatus>(new GetMailboxStatus(member))).Count);
    }
}
