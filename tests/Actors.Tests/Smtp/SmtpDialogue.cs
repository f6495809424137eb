using System.Net;
using System.Text;
using Akka.Actor;
using Akka.TestKit;
using Mail.Actors.Connections;
using Mail.Actors.Smtp;
using Mail.Actors.Storage;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Smtp;

/// <summary>
/// An SMTP session actor without a socket (CONVENTIONS 7, level 2): the client's bytes go in as
/// <see cref="Received"/>, every reply comes out on <see cref="Wire"/>, and the mailbox region is
/// <see cref="Mailboxes"/>, a probe the test answers itself.
/// </summary>
public abstract class SmtpDialogue : Akka.TestKit.Xunit.TestKit
{
    protected const string Host = "mx.test";

    protected SmtpDialogue(ITestOutputHelper output)
        : base(MailTestConfig.Serialization, "smtp", output)
    {
        Blobs = new FileBlobStore(Folder.Path);
        Wire = CreateTestProbe("wire");
        Mailboxes = CreateTestProbe("mailboxes");
        Queues = CreateTestProbe("queues");
    }

    protected TempFolder Folder { get; } = new();

    protected FileBlobStore Blobs { get; }

    protected TestProbe Wire { get; }

    protected TestProbe Mailboxes { get; }

    /// The recipient-queue region: relayed recipients and failed local appends go there.
    protected TestProbe Queues { get; }

    protected InMemoryDirectory Directory { get; set; } = new InMemoryDirectory()
        .WithUser("bob@example.com", "bobpw")
        .WithUser("carol@example.com", "carolpw");

    protected SmtpSettings Settings { get; set; } =
        SmtpSettings.Defaults(Host) with { MaxMessageSize = 4096, HardErrorLimit = 10, CommitTimeout = TimeSpan.FromSeconds(20) };

    protected RecordingConnection Connection { get; private set; } = null!;

    /// DNS for reject_unknown_sender_domain (a loopback DnsResponder in tests that use it).
    protected Mail.Actors.Delivery.Remote.MxResolver? Resolver { get; set; }

    /// Shared by every session the test opens, as on a node.
    protected AuthFailures AuthFailures { get; set; } = new();

    protected IActorRef Session { get; private set; } = ActorRefs.Nobody;

    /// Opens the session and checks the greeting, which needs no client input (unless held back: greet-wait).
    protected void Connect(IPEndPoint? remote = null, bool secure = false, bool expectGreeting = true)
    {
        Connection = new RecordingConnection(Wire, remote, secure);
        var services = new SessionServices(Directory, Blobs, Mailboxes, new Mail.Actors.Intake.MessageIntake(Blobs, Mailboxes, Queues, Settings.CommitTimeout))
        {
            AuthFailures = AuthFailures,
            Resolver = Resolver,
        };
        Session = Sys.ActorOf(SmtpSession.Props(Connection, Settings, services));
        if (expectGreeting)
            ExpectReply("220 mx.test ESMTP maild");
    }

    protected void Client(string text) => Session.Tell(new Received(Encoding.UTF8.GetBytes(text)));

    /// The next reply, exactly, CRLF added per line.
    protected void ExpectReply(params string[] lines) =>
        Assert.Equal(string.Concat(lines.Select(l => l + "\r\n")), Wire.ExpectMsg<string>(TimeSpan.FromSeconds(10)));

    protected string NextReply() => Wire.ExpectMsg<string>(TimeSpan.FromSeconds(10));

    protected void Send(string line, params string[] reply)
    {
        Client(line + "\r\n");
        ExpectReply(reply);
    }

    protected void Ehlo() => Send("EHLO client.example",
        "250-mx.test", "250-PIPELINING", "250-SIZE 4096", "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250 DSN");

    /// EHLO over TLS (or where plaintext AUTH is allowed): AUTH is offered, STARTTLS is not.
    protected void SecureEhlo() => Send("EHLO client.example",
        "250-mx.test", "250-PIPELINING", "250-SIZE 4096", "250-AUTH PLAIN LOGIN", "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250 DSN");

    /// The session's AppendToMailbox, left unanswered until <see cref="Ack"/>.
    protected Mail.Actors.Mailbox.AppendToMailbox ExpectAppend() =>
        Mailboxes.ExpectMsg<Mail.Actors.Mailbox.AppendToMailbox>(TimeSpan.FromSeconds(10));

    protected void Ack(Mail.Actors.Mailbox.AppendToMailbox a, long uid = 1) =>
        Mailboxes.Reply(new Mail.Actors.Mailbox.MessageAppended(a.QueueId, uid, a.BlobId, a.Size, a.InternalDate));

    protected void ExpectNoAppend() =>
        Mailboxes.ExpectNoMsg(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);

    /// The pump reports the peer gone; the session must stop.
    protected void LoseConnection()
    {
        Watch(Session);
        Session.Tell(ConnectionClosed.ByPeer);
        ExpectTerminated(Session, TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
    }

    protected void AwaitClosed() => AwaitConnection(() => Assert.Equal(1, Connection.CloseCalls));

    protected void AwaitConnection(Action assertion) =>
        AwaitAssert(assertion, TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);

    /// Nothing was sent to the client meanwhile (bounded wait: the absence of a reply).
    protected void ExpectNoReply() =>
        Wire.ExpectNoMsg(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Folder.Dispose();
    }
}
